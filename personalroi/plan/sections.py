"""The engagement, CLV and attribution sections as the data layer reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from personalroi.plan.inputs import SourceInput


@dataclass(frozen=True)
class EngagementPlan:
    """The sessions source and its columns; a column left out skips its insight.

    `conversion` names the source whose rows are conversions (>= 1 row = converted),
    `value` its order value column; `segment` is a units dimension; `windows` the
    number of quantile bins of time on site and pages per session."""

    source: str
    conversion: str
    value: str | None
    segment: str | None
    time_on_site: str | None
    pages: str | None
    bounced: str | None
    personalized_impressions: str | None
    personalized_clicks: str | None
    default_impressions: str | None
    default_clicks: str | None
    windows: int

    @property
    def has_clicks(self) -> bool:
        return self.personalized_clicks is not None

    def columns(self) -> list[tuple[str, str, str]]:
        """(config key, source, column) of every numeric column the section names."""
        keys: tuple[str, ...] = ("time_on_site", "pages", "bounced", "personalized_impressions")
        keys += ("personalized_clicks", "default_impressions", "default_clicks")
        out = [(k, self.source, getattr(self, k)) for k in keys if getattr(self, k) is not None]
        if self.value is not None:
            out.append(("value", self.conversion, self.value))
        return out


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
