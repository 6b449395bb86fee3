"""Audit cadence: a gap finding when an experiment went unaudited longer than configured.

The framework asks for auditing as a habit; `governance.audit_every_days` states
the habit and the history says whether it was kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def cadence_gap(
    last: dt.datetime | None, now: dt.datetime, every_days: int | None
) -> dict[str, Any] | None:
    """A gap entry (SPEC section 5 `gaps`) or None when the cadence was kept or is unknown."""
    if every_days is None or last is None:
        return None
    days = (now - last).total_seconds() / 86_400
    if days <= every_days:
        return None
    return {
        "area": "governance",
        "severity": "high" if days > 2 * every_days else "medium",
        "finding": (
            f"no audit for {days:.0f} days before this one "
            f"(governance.audit_every_days: {every_days})"
        ),
        "recommendation": (
            "schedule the audit from cron or CI with --sequential so regular looks stay valid"
        ),
    }
