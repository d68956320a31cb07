"""The regions govdeadline has days off for, and every name they go by.

A region is an autonomous region (省级, with an ISO 3166-2 code) or an autonomous
prefecture (地级, with its 6-digit administrative division code, GB/T 2260), whose
government gives everyone in it days off the national calendar does not have
(《全国年节及纪念日放假办法》 Art. 4). Its days are a layer shipped in
``govdeadline/data/<key>.yaml``, each year with its sources and confidence; a
region's calendar lays that layer over its parent's (every parent today is the
national calendar: no province of these prefectures gives days off of its own).

Days off that only the members of one ethnic group get (德宏's 阔时节 for 傈僳族 staff,
阿露窝罗节 for 阿昌族 staff, 开斋节 and 古尔邦节 for Muslim staff in Beijing and
elsewhere) are not here: the service hall stays open on them and a deadline does
not stop, so they are no calendar's days.
"""

from __future__ import annotations

import attrs

from .display import region_html

__all__ = ["REGIONS", "Region", "find_region"]


@attrs.frozen
class Region:
    """One region a calendar can be made for (see :meth:`~govdeadline.Calendar.for_region`).

    Attributes:
        key: its name in pinyin, as :meth:`~govdeadline.Calendar.for_region` takes it.
        name_zh: its full Chinese name.
        short_zh: its short Chinese name.
        code: its ISO 3166-2 code (autonomous regions), else None.
        division: its administrative division code (GB/T 2260).
        parent: the key of the calendar its layer lies on: ``"national"``.
        province: the province a prefecture lies in, in Chinese, else None.
        years: the years its data list, each with its confidence and whether it is
            complete, as ``{year: (confidence, complete)}``; filled in by
            :meth:`~govdeadline.Calendar.regions`.
    """

    key: str
    name_zh: str
    short_zh: str
    code: str | None
    division: str
    parent: str = "national"
    province: str | None = None
    years: dict[int, tuple[str | None, bool]] = attrs.field(factory=dict, eq=False, hash=False)

    @property
    def covered(self) -> tuple[int, ...]:
        """The years its data cover completely (a regional calendar covers only these)."""
        return tuple(year for year, (_, complete) in sorted(self.years.items()) if complete)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name :meth:`~govdeadline.Calendar.for_region` accepts for the region."""
        names = [self.key, self.name_zh, self.short_zh, self.division]
        if self.code is not None:
            names.append(self.code)
        return tuple(names)

    def _repr_html_(self) -> str:
        return region_html(self)


REGIONS: tuple[Region, ...] = (
    Region("xinjiang", "新疆维吾尔自治区", "新疆", "CN-XJ", "650000"),
    Region("guangxi", "广西壮族自治区", "广西", "CN-GX", "450000"),
    Region("ningxia", "宁夏回族自治区", "宁夏", "CN-NX", "640000"),
    Region("yanbian", "延边朝鲜族自治州", "延边", None, "222400", province="吉林省"),
    Region("xiangxi", "湘西土家族苗族自治州", "湘西", None, "433100", province="湖南省"),
    Region("enshi", "恩施土家族苗族自治州", "恩施", None, "422800", province="湖北省"),
    Region("liangshan", "凉山彝族自治州", "凉山", None, "513400", province="四川省"),
    Region("xishuangbanna", "西双版纳傣族自治州", "西双版纳", None, "532800", province="云南省"),
    Region("chuxiong", "楚雄彝族自治州", "楚雄", None, "532300", province="云南省"),
    Region("qiandongnan", "黔东南苗族侗族自治州", "黔东南", None, "522600", province="贵州省"),
    Region("qiannan", "黔南布依族苗族自治州", "黔南", None, "522700", province="贵州省"),
)
"""The regions with shipped data. Codes: ISO 3166-2:CN; GB/T 2260 division codes."""

_BY_NAME = {
    name.strip().lower(): region
    for region in REGIONS
    for name in (*region.names, "xj" if region.key == "xinjiang" else region.key)
}
_BY_NAME["cn-65"] = _BY_NAME["xinjiang"]  # ISO 3166-2's numeric form, accepted before


def find_region(name: str) -> Region | None:
    """The region *name* names, in any of its forms (case and spaces aside), or None.

    >>> find_region("广西").key, find_region("CN-NX").key, find_region("222400").key
    ('guangxi', 'ningxia', 'yanbian')
    """
    return _BY_NAME.get(name.strip().lower())
