"""Markdown's two primitives: an escaped user string and a pipe table.

Every markdown view (the audit's, `personalroi clv`'s and `attribute`'s, the
portfolio's, the governance block) writes its cells through these two.
"""

from __future__ import annotations

import re
from typing import Any

from personalroi.i18n import t

# Links need [ ], emphasis * _ ~, code `, tables |; HTML is entity-escaped separately.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def text(value: Any) -> str:
    """Escape a user string for inline markdown (also safe inside table cells)."""
    s = " ".join(str(value).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def pipe_table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A pipe table; the first `left` columns, arm and status read left, numbers right."""
    words = {t(f"col.{key}") for key in ("arm", "status", "flag", "recommendation")}
    align = ["---" if i < left or h in words else "--:" for i, h in enumerate(header)]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]
