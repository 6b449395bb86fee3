"""The inputs a plan reads: the units and each event source, a file or an engine's table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from personalroi.plan.refs import UNITS

DuplicatesPolicy = Literal["first", "last", "error"]


@dataclass(frozen=True)
class Window:
    """Calendar days, both ends included; None leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None


class RowFilter(NamedTuple):
    """A boolean SQL condition over an input's columns, and the config key that wrote it."""

    condition: str
    key: str


@dataclass(frozen=True)
class Dimension:
    """A dimension column of the unit table: the units' own, or `source.column` looked up
    in a source by unit id (`source` None: the units' own column `column`)."""

    name: str
    source: str | None = None
    column: str = ""

    @classmethod
    def own(cls, name: str) -> Dimension:
        return cls(name, None, name)


@dataclass(frozen=True)
class SourceInput:
    """An event source: rows keyed by unit id, each maybe timed."""

    name: str
    path: Path
    table: str | None
    id: str
    timestamp: str | None
    row_filter: RowFilter | None


@dataclass(frozen=True)
class UnitsInput:
    """One row per unit and arm (or a file of per-arm statistics: `aggregated`)."""

    path: Path
    table: str | None
    id: str
    arm: str
    timestamp: str | None
    row_filter: RowFilter | None
    duplicates: DuplicatesPolicy
    dimensions: tuple[Dimension, ...] = ()
    # Every CUPED covariate column keyed by its config key path, e.g. 'aov.numerator'.
    covariate_columns: Mapping[str, str] = field(default_factory=dict)
    aggregated: Path | None = None
    # With aggregated input, the other sections' result tables by key ('clv', 'moments').
    section_files: Mapping[str, Path] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return UNITS

    @property
    def dimension_names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    @property
    def own_dimensions(self) -> list[str]:
        """Dimensions that are columns of the units input."""
        return [d.name for d in self.dimensions if d.source is None]

    @property
    def joined_dimensions(self) -> dict[str, tuple[str, str]]:
        """Dimensions read from a source keyed by unit id: {name: (source, column)}."""
        return {d.name: (d.source, d.column) for d in self.dimensions if d.source is not None}
