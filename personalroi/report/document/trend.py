"""The `trend` section of the JSON result (lift by exposure and calendar week, novelty)."""

from __future__ import annotations

from typing import Any, TypeAlias

TrendJson: TypeAlias = dict[str, Any]
