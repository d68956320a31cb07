"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

CC_FIRST = datetime.date(2004, 1, 1)
CC_LAST = datetime.date(2026, 12, 31)

national_dates = st.dates(min_value=CC_FIRST, max_value=CC_LAST)
xinjiang_dates = st.dates(min_value=datetime.date(2022, 1, 1), max_value=CC_LAST)
counts = st.integers(min_value=1, max_value=60)
