"""Cross-section checks of the `engagement` section: named sources and the segment dimension."""

from __future__ import annotations

from personalroi.config.aggregated import missing_section_file
from personalroi.config.model import Config
from personalroi.errors import did_you_mean

KeyPath = tuple[str | int, ...]


def engagement_checks(config: Config) -> list[tuple[KeyPath, str]]:
    eng = config.engagement
    if eng is None:
        return []
    problems: list[tuple[KeyPath, str]] = []
    aggregated = config.units.aggregated is not None
    if aggregated and "engagement" not in config.units.aggregated_files():
        return [missing_section_file("engagement")]
    for key, name in (("source", eng.source), ("conversion", eng.conversion)):
        # On aggregated input the sums were computed where the sessions live.
        if not aggregated and name not in config.sources:
            hint = did_you_mean(name, config.sources)
            problems.append(
                (("engagement", key), f"unknown source {name!r}{hint}; define it under sources")
            )
    dims = config.units.dimensions
    if eng.segment is not None and eng.segment not in dims:
        hint = did_you_mean(eng.segment, dims)
        listed = f"; units.dimensions: {', '.join(dims)}" if dims and not hint else ""
        problems.append(
            (
                ("engagement", "segment"),
                f"{eng.segment!r} is not in units.dimensions{hint}{listed}",
            )
        )
    return problems
