"""Which governance changes went live during the test: one definition for the checklist's
concurrent-change count and the before/after analysis."""

from __future__ import annotations

from personalroi.config.model import Config


def changes_in_window(config: Config) -> list[int]:
    """Indices of `governance.changes` dated inside the test window, ends included (an
    unset experiment.start or end leaves that side open)."""
    exp = config.experiment
    return [
        i
        for i, c in enumerate(config.governance.changes)
        if (exp.start is None or c.date >= exp.start) and (exp.end is None or c.date <= exp.end)
    ]
