"""Festival names: chinese-calendar's English name for each Chinese one."""

from __future__ import annotations

from functools import cache

__all__ = ["english_name"]


@cache
def _festival_names() -> dict[str, str]:
    from chinese_calendar import constants

    names: dict[str, str] = {}
    for holiday in constants.Holiday:
        zh = holiday.chinese
        names[zh] = holiday.value
        names[zh.removesuffix("节")] = holiday.value
        names[zh.removesuffix("节") + "节"] = holiday.value
    return names


def english_name(name_zh: str) -> str:
    """Translate a Chinese festival name to chinese-calendar's English name.

    Names joined with 、 are translated one by one; an unknown name is kept.

    >>> english_name("国庆节、中秋节")
    'National Day, Mid-autumn Festival'
    >>> english_name("肉孜节")
    '肉孜节'
    """
    names = _festival_names()
    parts = [part.strip() for part in name_zh.split("、")]
    if all(part in names for part in parts):
        return ", ".join(names[part] for part in parts)
    return name_zh
