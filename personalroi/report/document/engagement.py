"""The `engagement` section of the JSON result."""

from __future__ import annotations

from typing import Any, TypeAlias

EngagementJson: TypeAlias = dict[str, Any]
