"""A terminal chart of score and ROI over earlier audits: one row per audit, bars in text.

Eighth-block characters give sub-character resolution; ROI bars diverge from a
zero line so losses and gains read at a glance. Plain text, no ANSI, so it
works in CI logs and under NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence

from personalroi.history.store import Entry

BLOCKS = " ▏▎▍▌▋▊▉█"
WIDTH = 24


def bar(fraction: float, width: int = WIDTH) -> str:
    """A left-aligned bar filling `fraction` (0..1) of `width` characters."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (BLOCKS[rest] if rest else "")
    return text.ljust(width)


def diverging(value: float, scale: float, width: int = WIDTH) -> str:
    """Negative values grow left of the axis, positive ones right."""
    half = width // 2
    fraction = min(1.0, abs(value) / scale) if scale > 0 else 0.0
    if value < 0:
        return bar(fraction, half)[::-1].replace("▏", "▕") + "│" + " " * half
    return " " * half + "│" + bar(fraction, half)


def trend_lines(entries: Sequence[Entry]) -> list[str]:
    if not entries:
        return ["no audits recorded for this experiment yet"]
    rois = [abs(e.roi) for e in entries if e.roi is not None]
    scale = max(rois) if rois else 1.0
    lines = [f"{'id':>4}  {'recorded at (UTC)':<19}  {'score (0-100)':<{WIDTH + 6}}  ROI (│ is 0)"]
    for e in entries:
        score = (
            f"{bar(e.score / 100)} {e.score:5.1f}" if e.score is not None else "–".ljust(WIDTH + 6)
        )
        roi = f"{diverging(e.roi, scale)} {e.roi:+.1%}" if e.roi is not None else "–"
        when = e.recorded_at.replace("T", " ")[:19]
        lines.append(f"{e.id:>4}  {when:<19}  {score}  {roi}")
    return lines
