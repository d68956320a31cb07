"""due_many on a Dask DataFrame column, on a local cluster with two workers."""

from __future__ import annotations

import pickle

import dask.dataframe as dd
import distributed
import numpy as np
import pandas as pd
import pytest

from govdeadline import Calendar, MonthlyOn, WorkingDays

PARTITIONS = 8
ROWS_PER_PARTITION = 125_000
FIRST = pd.Timestamp("2022-01-01")
SPAN_DAYS = (pd.Timestamp("2026-06-30") - FIRST).days


def applications(partition: int) -> pd.DataFrame:
    """One partition of acceptance dates, made where it is needed (no data in the graph)."""
    rng = np.random.default_rng(partition)
    days = rng.integers(0, SPAN_DAYS, ROWS_PER_PARTITION)
    index = pd.RangeIndex(partition * ROWS_PER_PARTITION, (partition + 1) * ROWS_PER_PARTITION)
    return pd.DataFrame({"accepted": FIRST + pd.to_timedelta(days, unit="D")}, index=index)


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_a_million_rows_on_two_workers(client):
    """map_partitions over a million acceptance dates equals the single-machine answer."""
    cal = Calendar.for_region("xinjiang")
    # The shared calendar travels to the workers by name, not as its index.
    assert len(pickle.dumps(cal)) < 1024
    rule = WorkingDays(5) >> MonthlyOn(18)
    ddf = dd.from_map(applications, range(PARTITIONS))
    due = ddf["accepted"].map_partitions(
        rule.due_many, cal, meta=pd.Series(dtype="datetime64[ns]", name="accepted")
    )
    result = client.compute(due).result()

    assert len(client.scheduler_info()["workers"]) == 2
    frame = pd.concat([applications(p) for p in range(PARTITIONS)])
    expected = rule.due_many(frame["accepted"], cal)
    assert len(result) == PARTITIONS * ROWS_PER_PARTITION == 1_000_000
    pd.testing.assert_series_equal(result, expected)
