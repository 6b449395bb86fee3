"""The money sections of the JSON result: `roi` and `roi_by_level` (SPEC 5, 7.2)."""

from __future__ import annotations

from typing import Any, TypeAlias

# Typed section by section; until then, the shape the renderers always had.
RoiJson: TypeAlias = dict[str, Any]
LevelRoiJson: TypeAlias = dict[str, Any]
