"""The `governance` section of the JSON result (changes in the window, decisions)."""

from __future__ import annotations

from typing import Any, TypeAlias

GovernanceJson: TypeAlias = dict[str, Any]
