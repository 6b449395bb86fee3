"""The config schema (SPEC section 3) as pydantic models.

Every model forbids unknown keys; `load.py` turns those errors into a
"did you mean" message with the YAML line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

# Re-exported: older code and the engine tests import it from here.
from personalroi.config.aggregated import Aggregated, AggregatedFiles
from personalroi.config.engine import EngineConfig as EngineConfig
from personalroi.config.paths import resolve_path as _resolve
from personalroi.config.strict import Strict
from personalroi.config.uri import keep_uri

NonNegative = Annotated[float, Field(ge=0)]
Probability = Annotated[float, Field(gt=0, lt=1)]


class Experiment(Strict):
    name: str
    hypothesis: str | None = None
    alpha: Probability = 0.05
    control: str
    treatments: list[str] | None = None
    expected_split: dict[str, Annotated[float, Field(gt=0)]] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    correction: Literal["none", "holm", "bh"] = "holm"
    # Always-valid intervals for repeated looks; the tuning is the N* (total units)
    # where the confidence sequence is tightest (see stats/sequential.py).
    sequential: bool = False
    sequential_tuning: Annotated[int, Field(gt=0)] = 5000

    @model_validator(mode="after")
    def _window_is_ordered(self) -> Experiment:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        return self


class RatioCovariate(Strict):
    """A pre-period ratio as the CUPED covariate of a ratio metric: two unit columns."""

    numerator: str
    denominator: str


Covariate = str | RatioCovariate


class Units(Strict):
    """One row per unit (`path` or `table`, `id`, `arm` required), or `aggregated`: a
    file of per-arm sufficient statistics (the output of `personalroi sql`), where
    `arm` names its arm column and `dimensions` its dimension columns."""

    # path/id/arm are required unless `aggregated` is set (checked below); the
    # defaults keep their type plain for the per-unit code and are never read there.
    path: Path = Path()
    # A table of the configured engine (shop.visitors) instead of a file.
    table: str | None = None
    id: str = ""
    arm: str = "arm"
    dimensions: list[str] = Field(default_factory=list)
    timestamp: str | None = None
    # metric -> a pre-period column, or (ratio metrics) {numerator, denominator} columns.
    covariates: dict[str, Covariate] = Field(default_factory=dict)
    # A file of per-arm statistics, or a mapping of the by-hand sections' files.
    aggregated: Aggregated | None = None
    # A unit's repeated rows: keep one whole row, the earliest (first) or latest (last)
    # by `timestamp`, file order without one; `error` refuses the file (docs/robustness.md).
    duplicates: Literal["first", "last", "error"] = "first"
    # One boolean SQL expression over this file's columns; other rows are excluded.
    where: str | None = None

    def covariate_columns(self) -> dict[str, str]:
        """Every covariate column keyed by its config key path, e.g. 'aov.numerator'."""
        out: dict[str, str] = {}
        for metric, cov in self.covariates.items():
            if isinstance(cov, RatioCovariate):
                out[f"{metric}.numerator"] = cov.numerator
                out[f"{metric}.denominator"] = cov.denominator
            else:
                out[metric] = cov
        return out

    _keep_uri = field_validator("path", mode="before")(keep_uri)
    _resolve_path = field_validator("path")(_resolve)

    @field_validator("covariates", mode="before")
    @classmethod
    def _covariate_forms(cls, value: object) -> object:
        """One clear message for a malformed ratio covariate (not one per union member)."""
        if not isinstance(value, dict):
            return value
        out = dict(value)
        for metric, cov in value.items():
            if not isinstance(cov, dict):
                continue
            if set(cov) != {"numerator", "denominator"} or not all(
                isinstance(v, str) and v for v in cov.values()
            ):
                got = ", ".join(f"{k}: {v!r}" for k, v in cov.items())
                raise ValueError(
                    f"covariate of {metric}: a column name, or {{numerator: COLUMN, "
                    f"denominator: COLUMN}} for a ratio metric (got {{{got}}})"
                )
            out[metric] = RatioCovariate(numerator=cov["numerator"], denominator=cov["denominator"])
        return out

    @field_validator("aggregated")
    @classmethod
    def _resolve_aggregated(
        cls, value: Path | AggregatedFiles | None, info: ValidationInfo
    ) -> Path | AggregatedFiles | None:
        return _resolve(value, info) if isinstance(value, Path) else value

    def aggregated_files(self) -> dict[str, Path]:
        """The aggregated input's files by section key ('stats' alone for one file)."""
        given = self.aggregated
        if given is None:
            return {}
        return {"stats": given} if isinstance(given, Path) else given.given()

    @model_validator(mode="after")
    def _one_input(self) -> Units:
        given = self.model_fields_set
        if "path" in given and "table" in given:
            raise ValueError("give path (a file) or table (an engine's table), not both")
        if "table" in given:
            given = given | {"path"}
        if self.aggregated is None:
            missing = [k for k in ("path", "id", "arm") if k not in given]
            if missing:
                keys = ", ".join(missing).replace("path", "path (or table)")
                raise ValueError(
                    f"missing required key(s) {keys} "
                    "(or set aggregated: FILE for a file of per-arm statistics)"
                )
        else:
            extra = [k for k in ("path", "table", "id", "timestamp") if k in self.model_fields_set]
            if extra:
                raise ValueError(
                    f"aggregated input takes no {', '.join(extra)}: the statistics are "
                    "already per arm (the window and unit checks ran where they were computed)"
                )
        return self


class Source(Strict):
    path: Path = Path()
    table: str | None = None  # a table of the configured engine instead of a file
    id: str
    timestamp: str | None = None
    where: str | None = None  # as units.where, over this file's columns

    _keep_uri = field_validator("path", mode="before")(keep_uri)
    _resolve_path = field_validator("path")(_resolve)

    @model_validator(mode="after")
    def _file_or_table(self) -> Source:
        given = self.model_fields_set
        if "path" in given and "table" in given:
            raise ValueError("give path (a file) or table (an engine's table), not both")
        if "path" not in given and "table" not in given:
            raise ValueError("missing required key(s) path (or table)")
        return self


class Goal(Strict):
    relative_lift: float | None = None
    absolute_lift: float | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Goal:
        if (self.relative_lift is None) == (self.absolute_lift is None):
            raise ValueError("a goal needs exactly one of relative_lift or absolute_lift")
        return self


class MetricConfig(Strict):
    type: Literal["binary", "mean", "ratio", "nps", "clv"]
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    agg: Literal["sum", "count", "mean", "max", "any"] = "sum"
    better: Literal["higher", "lower"] = "higher"
    weight: NonNegative = 1.0
    goal: Goal | None = None
    guardrail: bool = False
    winsorize: Annotated[float, Field(gt=0.5, lt=1)] | None = None
    test: Literal["default", "mann-whitney", "bootstrap"] = "default"
    # Every relative interval is Fieller's (the one that agrees with the p-value);
    # the key stays accepted for old configs, and `delta` is refused with the reason.
    relative_ci: Literal["delta", "fieller"] = "fieller"
    # Tolerated relative harm for a guardrail, negative (-0.02: at most 2 % worse).
    guardrail_cutoff: Annotated[float, Field(lt=0, gt=-1)] | None = None

    @field_validator("relative_ci")
    @classmethod
    def _no_delta_interval(cls, value: str) -> str:
        if value == "delta":
            raise ValueError(
                "relative_ci: delta is no longer offered: a delta-method relative interval can "
                "disagree with the p-value. Every relative interval is Fieller's "
                "(docs/statistics.md); remove the key."
            )
        return value

    @model_validator(mode="after")
    def _columns_match_type(self) -> MetricConfig:
        if self.type == "clv":
            # Forecast from the `clv` section's source; it reads no column of its own.
            if self.value or self.numerator or self.denominator:
                raise ValueError("a clv metric reads the clv section; it takes no value")
            if self.test != "default" or self.winsorize is not None:
                raise ValueError("a clv metric is tested by its own bootstrap; drop test/winsorize")
            return self
        if self.type == "ratio":
            if not (self.numerator and self.denominator):
                raise ValueError("a ratio metric needs numerator and denominator")
            if self.value:
                raise ValueError("a ratio metric takes numerator/denominator, not value")
        else:
            if not self.value:
                raise ValueError(f"a {self.type} metric needs value (e.g. orders.amount)")
            if self.numerator or self.denominator:
                raise ValueError(f"numerator/denominator are for ratio metrics, not {self.type}")
        if self.type == "ratio" and self.test != "default":
            raise ValueError("test: mann-whitney/bootstrap apply to mean metrics, not ratio")
        if self.type in ("binary", "nps") and self.test != "default":
            raise ValueError(f"test: {self.test} applies to mean metrics, not {self.type}")
        if self.guardrail_cutoff is not None and not self.guardrail:
            raise ValueError("guardrail_cutoff needs guardrail: true")
        if self.winsorize is not None and self.type not in ("mean", "ratio"):
            raise ValueError(f"winsorize applies to mean and ratio metrics, not {self.type}")
        return self


# A cost or saving amount: a number, or a range [low, high] the ROI interval and
# the sensitivity rows carry (roi/money.py::AmountRange).
Amount = float | tuple[float, float]  # checked by _amount (one message, not one per member)
NOT_A_RANGE = (
    "a range [low, high] is only allowed on one_off, monthly and annual of costs and savings"
)


def _amount(value: object) -> object:
    """A non-negative number or range, with one clear message (pydantic's would name each
    union member). Non-finite numbers pass: the loader reports them as not finite."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ValueError(f"a number or a range [low, high] (got {value!r})") from None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"Input should be greater than or equal to 0 (got {value:g})")
        return float(value)
    if not isinstance(value, list | tuple):
        raise ValueError(f"a number or a range [low, high] (got {value!r})")
    if len(value) != 2 or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        raise ValueError(f"a range is [low, high], two numbers (got {list(value)!r})")
    low, high = value
    if low < 0 or high < 0:
        raise ValueError(f"a range cannot be negative (got [{low:g}, {high:g}])")
    if low > high:
        raise ValueError(f"range low {low:g} is above high {high:g}; write [low, high]")
    return (float(low), float(high))


def _no_range(value: object) -> object:
    if isinstance(value, list | tuple):
        raise ValueError(f"{NOT_A_RANGE} (got {list(value)!r})")
    return value


class _CashLine(Strict):
    name: str
    one_off: Amount = 0.0
    monthly: Amount = 0.0
    annual: Amount = 0.0
    components: list[str] = Field(default_factory=list)
    # `units`: the amounts are for economics.eligible_units_per_month and move in
    # proportion to the traffic served (a per-request licence, per-visitor content),
    # so a rollout to one dimension level pays its share. Default: fixed.
    scales_with: Literal["units"] | None = None

    _ranges = field_validator("one_off", "monthly", "annual", mode="before")(_amount)

    @field_validator("name", mode="before")
    @classmethod
    def _name_is_no_range(cls, value: object) -> object:
        return _no_range(value)


class CostItem(_CashLine):
    category: Literal["technology", "personnel", "ongoing"]
    # Effort instead of (or besides) money: hours at an hourly rate, or full-time
    # months at a monthly rate; a one-off cost, as project work usually is.
    hours: Amount | None = None
    hourly_rate: Annotated[float, Field(gt=0)] | None = None
    fte_months: Amount | None = None
    monthly_rate: Annotated[float, Field(gt=0)] | None = None

    _effort_ranges = field_validator("hours", "fte_months", mode="before")(_amount)

    @model_validator(mode="after")
    def _effort_has_a_rate(self) -> CostItem:
        for effort, rate in (("hours", "hourly_rate"), ("fte_months", "monthly_rate")):
            if (getattr(self, effort) is None) != (getattr(self, rate) is None):
                given, missing = (effort, rate) if getattr(self, rate) is None else (rate, effort)
                raise ValueError(f"{given} needs {missing}: effort is priced as {effort} x {rate}")
        return self


class SavingItem(_CashLine):
    category: Literal["marketing", "operations"]


class ArmSpec(Strict):
    components: list[str] = Field(default_factory=list)


class Economics(Strict):
    currency: str = "EUR"
    revenue_metric: str | None = None
    eligible_units_per_month: NonNegative = 0.0
    horizon_months: Annotated[int, Field(gt=0, le=600)] = 12
    gross_margin: Annotated[float, Field(gt=0, le=1)] | None = None
    discount_rate: Annotated[float, Field(ge=0, lt=1)] | None = None
    # Money per conversion: required when revenue_metric is binary (a conversion
    # rate is not money); the metric's lift is priced by it.
    value_per_conversion: Annotated[float, Field(gt=0)] | None = None
    # Default half-width of the sensitivity rows' ranges (0.2: +-20 %).
    sensitivity: Annotated[float, Field(gt=0, lt=1)] = 0.2

    _no_ranges = field_validator(
        "eligible_units_per_month",
        "horizon_months",
        "gross_margin",
        "discount_rate",
        "value_per_conversion",
        "sensitivity",
        mode="before",
    )(_no_range)


class Scorecard(Strict):
    # No default: a pass mark nobody wrote must not fail an audit (exit 1).
    pass_score: Annotated[float, Field(ge=0, le=100)] | None = None
    roi_goal: float | None = None
    roi_weight: NonNegative = 0.0


class Period(Strict):
    name: str
    start: dt.date
    end: dt.date


class Change(Strict):
    date: dt.date
    description: str


class Governance(Strict):
    max_concurrent_changes: Annotated[int, Field(ge=0)] | None = None
    audit_every_days: Annotated[int, Field(gt=0)] | None = None  # cadence, checked via history
    changes: list[Change] = Field(default_factory=list)


class Clv(Strict):
    """Lifetime value: an orders source with timestamps, fitted by BG/NBD + Gamma-Gamma."""

    source: str
    amount: str
    category: str | None = None
    time_unit: Literal["day", "week", "month"] = "week"
    observation_end: dt.date | None = None


class Attribution(Strict):
    """Multi-touch attribution: touchpoints before each conversion, credited per model."""

    source: str
    channel: str = "channel"
    personalized: str | None = None
    conversions: str
    value: str
    half_life_days: Annotated[float, Field(gt=0)] = 7.0


class Engagement(Strict):
    """Engagement insights from a sessions source (docs/engagement.md).

    Each insight needs its columns; one left out skips that insight (and adds a gap).
    """

    source: str
    conversion: str  # a source whose rows are conversions (orders): >= 1 row = converted
    value: str | None = None  # order value column of `conversion`, for the money of a bounce
    segment: str | None = None  # a units dimension
    time_on_site: str | None = None  # seconds per session
    pages: str | None = None
    bounced: str | None = None  # 1/true = the session bounced
    personalized_impressions: str | None = None
    personalized_clicks: str | None = None
    default_impressions: str | None = None
    default_clicks: str | None = None
    windows: Annotated[int, Field(ge=2, le=20)] = 5  # quantile bins of time on site

    @model_validator(mode="after")
    def _clicks_complete(self) -> Engagement:
        keys: tuple[str, ...] = ("personalized_impressions", "personalized_clicks")
        keys += ("default_impressions", "default_clicks")
        given = [k for k in keys if getattr(self, k) is not None]
        if given and len(given) < len(keys):
            missing = ", ".join(k for k in keys if k not in given)
            raise ValueError(f"the CTR comparison needs all four click columns; missing {missing}")
        return self

    @property
    def has_clicks(self) -> bool:
        return self.personalized_clicks is not None


class Config(Strict):
    engine: EngineConfig = Field(default_factory=EngineConfig)
    experiment: Experiment
    units: Units
    sources: dict[str, Source] = Field(default_factory=dict)
    metrics: dict[str, MetricConfig]
    costs: list[CostItem] = Field(default_factory=list)
    savings: list[SavingItem] = Field(default_factory=list)
    arms: dict[str, ArmSpec] = Field(default_factory=dict)
    economics: Economics = Field(default_factory=Economics)
    scorecard: Scorecard = Field(default_factory=Scorecard)
    calendar: list[Period] = Field(default_factory=list)
    governance: Governance = Field(default_factory=Governance)
    clv: Clv | None = None
    attribution: Attribution | None = None
    engagement: Engagement | None = None

    def per_unit(self) -> Config:
        """The config of the metrics tested on per-unit statistics: all but the model-based."""
        kept = {n: m for n, m in self.metrics.items() if m.type != "clv"}
        return self.model_copy(update={"metrics": kept})
