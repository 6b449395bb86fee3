"""The `attribution` section of the JSON result."""

from __future__ import annotations

from typing import Any, TypeAlias

AttributionJson: TypeAlias = dict[str, Any]
