"""`units.aggregated`: one file of per-arm statistics, or the by-hand sections' files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Discriminator, Tag, ValidationInfo, field_validator

from personalroi.config.paths import resolve_path as _resolve
from personalroi.config.strict import Strict


class AggregatedFiles(Strict):
    """The result tables of `personalroi sql`, one per section, as saved by hand: the
    per-arm statistics (required) and the sections' own tables where configured."""

    stats: Path
    # Every number the data-quality checks need (the checks themselves, not a stand-in).
    checks: Path | None = None
    # The buyers' purchase histories per arm (the clv section's models are fitted on them).
    clv: Path | None = None
    # Per-arm moments of the revenue, conversion and covariate values (the ROI's joint
    # uncertainty), with each buyer's values to line the CLV forecasts up.
    moments: Path | None = None
    # Per-arm statistics by cohort, calendar period, governance change and week.
    trend: Path | None = None
    # Per-arm (x segment) session sums, time-on-site and pages windows, longer visits.
    engagement: Path | None = None
    # Per-arm journeys: rule-model credits and Markov transitions, and the share statistics.
    attribution: Path | None = None

    _resolve_stats = field_validator("stats")(_resolve)

    @field_validator("checks", "clv", "moments", "trend", "engagement", "attribution")
    @classmethod
    def _resolve_optional(cls, path: Path | None, info: ValidationInfo) -> Path | None:
        return None if path is None else _resolve(path, info)

    def given(self) -> dict[str, Path]:
        """The files given, by section key."""
        pairs = (
            ("stats", self.stats),
            ("checks", self.checks),
            ("clv", self.clv),
            ("trend", self.trend),
            ("moments", self.moments),
            ("engagement", self.engagement),
            ("attribution", self.attribution),
        )
        return {k: v for k, v in pairs if v is not None}


# What each section's by-hand file carries, and what to drop without it.
SECTION_FILES = {
    "clv": (
        "the CLV models need the buyers' purchase histories",
        "the section and the clv metrics",
    ),
    "attribution": ("attribution needs each arm's journeys", "the attribution section"),
    "engagement": ("engagement insights need the session sums", "the engagement section"),
}


def missing_section_file(key: str) -> tuple[tuple[str, ...], str]:
    """The config problem (key path, message) of aggregated input without section `key`'s
    file (a key of SECTION_FILES)."""
    need, drop = SECTION_FILES[key]
    message = (
        f"{need}: save the {key} query of `personalroi sql` and give it as "
        f"units.aggregated.{key} (units: {{aggregated: {{stats: FILE, {key}: FILE}}}}), "
        f"or drop {drop}"
    )
    return ("units", "aggregated", key), message


def _aggregated_form(value: object) -> str:
    return "[files]" if isinstance(value, dict | AggregatedFiles) else "[file]"


# One form's errors only: a mapping is the files, anything else one file. (The tags are
# bracketed: error messages leave such union tags out of the key path.)
Aggregated = Annotated[
    Annotated[Path, Tag("[file]")] | Annotated[AggregatedFiles, Tag("[files]")],
    Discriminator(_aggregated_form),
]
