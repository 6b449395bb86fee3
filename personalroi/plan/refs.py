"""The per-unit values a metric reads, and where they come from."""

from __future__ import annotations

from dataclasses import dataclass

# The units input's name among the inputs (the sources are named by the config).
UNITS = "units"


@dataclass(frozen=True)
class ValueRef:
    """A per-unit value a metric reads: `<source>.<column>` with its aggregation."""

    source: str
    column: str
    agg: str

    @property
    def alias(self) -> str:
        return f"{self.source}__{self.column}__{self.agg}"

    @property
    def counts_rows(self) -> bool:
        """`<source>.count`: the number of a source's rows, no column of its own."""
        return self.column == "count" and self.source != UNITS

    @classmethod
    def parse(cls, ref: str, agg: str) -> ValueRef:
        source, _, column = ref.partition(".")
        return cls(source, column, agg)


@dataclass(frozen=True)
class PrePeriod:
    """A metric's CUPED covariate: pre-period unit columns.

    A mean or binary metric reads `numerator` alone; a ratio metric reads the
    pre-period ratio numerator / denominator (1 without a denominator column).
    """

    numerator: str
    denominator: str | None = None
