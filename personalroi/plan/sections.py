"""The CLV and attribution sections as the data layer reads them: their sources resolved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from personalroi.plan.inputs import SourceInput


@dataclass(frozen=True)
class ClvPlan:
    """Purchase histories: the orders (a timed source), their amount and category columns.

    `orders` is None on aggregated input: the histories come from the `clv` file."""

    orders: SourceInput | None
    amount: str
    category: str | None
    time_unit: Literal["day", "week", "month"]
    observation_end: dt.date | None


@dataclass(frozen=True)
class AttributionPlan:
    """Touch paths: the touches and the conversions they lead to, both timed sources."""

    touches: SourceInput
    conversions: SourceInput
    channel: str
    personalized: str | None  # the column flagging a personalized touch, if any
    value: str  # the conversion's value column
    half_life_days: float
