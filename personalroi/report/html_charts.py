"""Charts for the HTML report, drawn with matplotlib and returned as inline SVG text.

SVG keeps the report one offline file with crisp text at any zoom. Text stays
text (`svg.fonttype: none`) and matplotlib escapes it as XML; `$` is escaped so
a user label is never parsed as mathtext. Dates and ids are pinned so the same
result renders to the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

STATUS_COLOR = {
    "met": "#1a7f37",
    "on track": "#4fa35b",
    "not significant": "#8c959f",
    "missed": "#bf8700",
    "harmful": "#cf222e",
    "insufficient data": "#d0d7de",
}
BAR_COLOR = {"gain": "#2f81f7", "saving": "#4fa35b", "cost": "#cf222e", "net": "#24292f"}


def label(text: Any) -> str:
    """A user string as a plain matplotlib label (no mathtext)."""
    return str(text).replace("$", r"\$")


def _svg(fig: Any, salt: str) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    # Drop the XML prolog and the RDF metadata block (it only credits matplotlib with a URL).
    svg = svg[svg.find("<svg") :]
    return re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.DOTALL)


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    fig.patch.set_alpha(0)
    return fig


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=9)
    ax.grid(axis="x", color="#d0d7de", linewidth=0.6)
    ax.set_axisbelow(True)


def _interval_rows(ax: Axes, rows: Sequence[dict[str, Any]], labels: Sequence[str]) -> None:
    """Relative lift (%) with its CI as a horizontal error bar per row, top to bottom."""
    for y, row in enumerate(rows):
        lift = row.get("relative_lift")
        if lift is None:
            continue
        color = STATUS_COLOR.get(row.get("status", ""), "#57606a")
        ci = row.get("relative_ci")
        if ci and ci[0] is not None and ci[1] is not None:
            ax.plot([100 * ci[0], 100 * ci[1]], [y, y], color=color, linewidth=2.2)
        ax.plot([100 * lift], [y], "o", color=color, markersize=6)
    ax.axvline(0, color="#24292f", linewidth=0.9)
    ax.set_yticks(range(len(rows)), [label(t) for t in labels])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("relative lift vs control (%)", fontsize=9)
    _style(ax)


def forest_plot(rows: Sequence[dict[str, Any]]) -> str:
    """Every metric x arm: relative lift with its confidence interval."""
    fig = _figure(7.5, 0.9 + 0.32 * len(rows))
    ax = fig.add_subplot()
    _interval_rows(ax, rows, [f"{r['metric']} · {r['arm']}" for r in rows])
    return _svg(fig, "forest")


def segment_plot(metric: str, rows: Sequence[dict[str, Any]]) -> str:
    """One panel per dimension: the metric's relative lift per level and arm."""
    dimensions = list(dict.fromkeys(r["dimension"] for r in rows))
    counts = [sum(r["dimension"] == d for r in rows) for d in dimensions]
    fig = _figure(7.5, 0.8 * len(dimensions) + 0.3 * sum(counts))
    axes = fig.subplots(len(dimensions), 1, squeeze=False, height_ratios=counts)
    for ax, dimension in zip(axes[:, 0], dimensions, strict=True):
        part = [r for r in rows if r["dimension"] == dimension]
        _interval_rows(ax, part, [f"{r['level']} · {r['arm']}" for r in part])
        ax.set_title(label(f"{metric} by {dimension}"), fontsize=10, loc="left")
    fig.tight_layout()
    return _svg(fig, f"segments-{metric}")


def roi_buildup(roi_rows: Sequence[dict[str, Any]], currency: str) -> str:
    """A waterfall per arm: revenue lift parts and savings up, investment down, net at the end."""
    fig = _figure(3.6 * len(roi_rows) + 0.6, 3.6)
    axes = fig.subplots(1, len(roi_rows), squeeze=False, sharey=True)
    for ax, row in zip(axes[0], roi_rows, strict=True):
        steps = _steps(row)
        level = 0.0
        for x, (_name, amount, kind) in enumerate(steps):
            if kind == "net":
                bottom, height = min(0.0, amount), abs(amount)
            else:
                bottom, height = min(level, level + amount), abs(amount)
                level += amount
            ax.bar(x, height, bottom=bottom, color=BAR_COLOR[kind], width=0.7)
            ax.annotate(
                _short_money(amount),
                (x, bottom + height),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )
        ax.set_xticks(range(len(steps)), [label(s[0]) for s in steps], rotation=35, ha="right")
        ax.axhline(0, color="#24292f", linewidth=0.9)
        ax.set_title(label(row["arm"]), fontsize=10, loc="left")
        ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelsize=8)
    axes[0][0].set_ylabel(label(currency), fontsize=9)
    fig.tight_layout()
    return _svg(fig, "roi")


def _steps(row: dict[str, Any]) -> list[tuple[str, float, str]]:
    parts = row.get("revenue_lift_breakdown") or {}
    steps = [(f"{name.replace('_', ' ')}", float(v), "gain") for name, v in parts.items() if v]
    if not steps and row.get("revenue_lift") is not None:
        steps = [("revenue lift", float(row["revenue_lift"]), "gain")]
    steps.append(("savings", float(row.get("cost_savings") or 0.0), "saving"))
    steps.append(("investment", -float(row.get("investment") or 0.0), "cost"))
    net = sum(s[1] for s in steps)
    steps.append(("net", net, "net"))
    return steps


def _short_money(x: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= size:
            return f"{x / size:,.1f}{suffix}"
    return f"{x:,.0f}"


def trend_plot(history: Sequence[dict[str, Any]]) -> str:
    """Score and best-arm ROI of earlier audits of this experiment, oldest first."""
    fig = _figure(7.5, 3.4)
    score_ax, roi_ax = fig.subplots(2, 1, sharex=True)
    xs = list(range(len(history)))
    for ax, key, title, scale in (
        (score_ax, "score", "score (0-100)", 1.0),
        (roi_ax, "roi", "ROI (%)", 100.0),
    ):
        points = [
            (x, h[key] * scale) for x, h in zip(xs, history, strict=True) if h.get(key) is not None
        ]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], "o-", color="#2f81f7")
        ax.set_ylabel(title, fontsize=9)
        _style(ax)
        ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
    roi_ax.axhline(0, color="#24292f", linewidth=0.9)
    step = max(1, len(xs) // 8)
    roi_ax.set_xticks(
        xs[::step], [label(str(h.get("recorded_at", ""))[:10]) for h in history][::step]
    )
    fig.tight_layout()
    return _svg(fig, "trend")
