"""The `clv` section of the JSON result (lifetime value by arm)."""

from __future__ import annotations

from typing import Any, TypeAlias

ClvJson: TypeAlias = dict[str, Any]
