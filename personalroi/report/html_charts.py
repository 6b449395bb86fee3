"""Charts for the HTML report, drawn with matplotlib and returned as inline SVG markup.

SVG keeps the report one offline file with crisp text at any zoom. Text stays
text (`svg.fonttype: none`) and matplotlib escapes it as XML; `$` is escaped so
a user label is never parsed as mathtext. Dates and ids are pinned so the same
result renders to the same bytes.

The templates escape everything by default, so a chart can only reach the page
as `Markup`, and the one way to get that is `safe_svg`: it parses the SVG and
checks it against an allow-list of the elements and attributes matplotlib
writes, so text that matplotlib failed to escape would fail loudly instead of
landing in the page as markup.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from personalroi.i18n import t
from personalroi.report import numbers

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from personalroi.document.core import MetricJson
    from personalroi.document.history import HistoryEntryJson
    from personalroi.document.money import RoiJson

STATUS_COLOR = {
    "met": "#1a7f37",
    "on track": "#4fa35b",
    "not significant": "#8c959f",
    "missed": "#bf8700",
    "harmful": "#cf222e",
    "insufficient data": "#d0d7de",
}
BAR_COLOR = {"gain": "#2f81f7", "saving": "#4fa35b", "cost": "#cf222e", "net": "#24292f"}


SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What matplotlib's SVG backend writes for these charts; anything else is refused.
ALLOWED_ELEMENTS = frozenset(
    {"svg", "defs", "style", "g", "path", "use", "clipPath", "rect", "text", "tspan"}
)
ALLOWED_ATTRIBUTES = frozenset(
    {
        "class",
        "clip-path",
        "d",
        "height",
        "id",
        "style",
        "transform",
        "type",
        "version",
        "viewBox",
        "width",
        "x",
        "y",
        XLINK_HREF,
    }
)


class UnsafeSvgError(ValueError):
    """A chart's SVG holds something the allow-list does not expect (a bug, not user error)."""


def safe_svg(svg: str) -> Markup:
    """The only door from chart text to page markup: parse, check every element and
    attribute against the allow-list, and only then mark the text as safe HTML."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:  # unbalanced or unescaped text: never inline it
        raise UnsafeSvgError(f"chart SVG does not parse: {exc}") from exc
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag not in ALLOWED_ELEMENTS:
            raise UnsafeSvgError(f"chart SVG has a <{tag}> element")
        for name, value in element.attrib.items():
            if name not in ALLOWED_ATTRIBUTES:
                raise UnsafeSvgError(f"chart SVG has a {name} attribute on <{tag}>")
            # Internal references (#id) only: nothing that loads or runs anything.
            if name == XLINK_HREF and not value.startswith("#"):
                raise UnsafeSvgError(f"chart SVG links outside itself: {value[:40]}")
            if "url(" in value.replace("url(#", "") or "javascript:" in value.lower():
                raise UnsafeSvgError(f"chart SVG has an external reference in {name}")
        if tag == "style" and re.search(r"url\(|@import|expression", element.text or ""):
            raise UnsafeSvgError("chart SVG style sheet loads something")
    return Markup(svg)  # checked above: the reason this function exists


def label(text: Any) -> str:
    """A user string as a plain matplotlib label (no mathtext)."""
    return str(text).replace("$", r"\$")


def _svg(fig: Any, salt: str) -> Markup:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    # Drop the XML prolog and the RDF metadata block (it only credits matplotlib with a URL).
    svg = svg[svg.find("<svg") :]
    return safe_svg(re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.DOTALL))


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


def _points(rows: Sequence[MetricJson]) -> bool:
    """NPS rows plot their absolute lift in points: NPS is already a score out of 100."""
    return bool(rows) and all(r.get("type") == "nps" for r in rows)


def _interval_rows(ax: Axes, rows: Sequence[MetricJson], labels: Sequence[str]) -> None:
    """Lift with its CI as a horizontal error bar per row, top to bottom: relative (%)
    or, for NPS, absolute in points."""
    points = _points(rows)
    scale = 1.0 if points else 100.0
    for y, row in enumerate(rows):
        lift, ci = (
            (row["absolute_lift"], row["absolute_ci"])
            if points
            else (row["relative_lift"], row["relative_ci"])
        )
        if lift is None:
            continue
        color = STATUS_COLOR.get(row["status"], "#57606a")
        if ci and ci[0] is not None and ci[1] is not None:
            ax.plot([scale * ci[0], scale * ci[1]], [y, y], color=color, linewidth=2.2)
        ax.plot([scale * lift], [y], "o", color=color, markersize=6)
    ax.axvline(0, color="#24292f", linewidth=0.9)
    ax.set_yticks(range(len(rows)), [label(name) for name in labels])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel(t("chart.lift_axis_points" if points else "chart.lift_axis_pct"), fontsize=9)
    _style(ax)


def forest_plot(rows: Sequence[MetricJson]) -> Markup:
    """Every metric x arm: lift with its confidence interval; NPS in a panel of its own
    because its lift is in points, not percent."""
    groups = [
        part
        for part in (
            [r for r in rows if r.get("type") != "nps"],
            [r for r in rows if r.get("type") == "nps"],
        )
        if part
    ]
    sizes = [len(g) for g in groups]
    fig = _figure(6.4, 0.9 * len(groups) + 0.3 * len(rows))
    axes = fig.subplots(len(groups), 1, squeeze=False, height_ratios=sizes)
    for ax, group in zip(axes[:, 0], groups, strict=True):
        _interval_rows(ax, group, [f"{r['metric']} · {r['arm']}" for r in group])
    fig.tight_layout()
    return _svg(fig, "forest")


def segment_plot(metric: str, rows: Sequence[MetricJson]) -> Markup:
    """One panel per dimension: the metric's lift per level and arm."""
    dimensions = list(dict.fromkeys(r["dimension"] for r in rows))
    counts = [sum(r["dimension"] == d for r in rows) for d in dimensions]
    fig = _figure(6.4, 0.8 * len(dimensions) + 0.28 * sum(counts))
    axes = fig.subplots(len(dimensions), 1, squeeze=False, height_ratios=counts)
    for ax, dimension in zip(axes[:, 0], dimensions, strict=True):
        part = [r for r in rows if r["dimension"] == dimension]
        _interval_rows(ax, part, [f"{r['level']} · {r['arm']}" for r in part])
        ax.set_title(
            label(t("chart.by_dimension", metric=metric, dimension=dimension)),
            fontsize=10,
            loc="left",
        )
    fig.tight_layout()
    return _svg(fig, f"segments-{metric}")


def roi_buildup(row: RoiJson, currency: str) -> Markup:
    """One arm's waterfall: revenue lift parts and savings up, investment down, net at the end.

    One chart per arm (not one wide figure) so that the charts sit side by side on a
    laptop and stack on a phone, each still readable."""
    from matplotlib.ticker import FuncFormatter

    fig = _figure(4.2, 3.2)
    ax = fig.add_subplot()
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
    ax.set_xticks(range(len(steps)), [label(s[0]) for s in steps])
    # Anchored at the tick, so a slanted label ends under its own bar.
    ax.tick_params(axis="x", labelrotation=35)
    for tick in ax.get_xticklabels():
        tick.set(ha="right", rotation_mode="anchor")
    ax.axhline(0, color="#24292f", linewidth=0.9)
    # Headroom, so the value over the tallest bar does not run into the title.
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.12 * (high - low))
    ax.set_title(label(row["arm"]), fontsize=10, loc="left")
    ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    # Whole currency units with thousands separators, as everywhere else in the report.
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: numbers.fixed(v, 0)))
    ax.set_ylabel(label(currency), fontsize=9)
    fig.tight_layout()
    return _svg(fig, f"roi-{row['arm']}")


def _steps(row: RoiJson) -> list[tuple[str, float, str]]:
    parts = row.get("revenue_lift_breakdown")
    named: list[tuple[str, float]] = []
    if parts:  # in the breakdown's order
        named = [("conversion", parts["conversion"]), ("order_value", parts["order_value"])]
        named.append(("clv", parts["clv"]))
    steps = [(t(f"chart.part_{name}"), float(v), "gain") for name, v in named if v]
    lift = row.get("revenue_lift")
    if not steps and lift is not None:
        steps = [(t("col.revenue_lift"), float(lift), "gain")]
    steps.append((t("col.savings"), float(row.get("cost_savings") or 0.0), "saving"))
    steps.append((t("col.investment"), -float(row.get("investment") or 0.0), "cost"))
    net = sum(s[1] for s in steps)
    steps.append((t("chart.net"), net, "net"))
    return steps


def _short_money(x: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= size:
            return numbers.fixed(x / size, 1) + suffix
    return numbers.fixed(x, 0)


def trend_plot(history: Sequence[HistoryEntryJson]) -> Markup:
    """Score and best-arm ROI of earlier audits of this experiment, oldest first."""
    fig = _figure(7.5, 3.4)
    score_ax, roi_ax = fig.subplots(2, 1, sharex=True)
    xs = list(range(len(history)))
    for ax, values, title, scale in (
        (score_ax, [h["score"] for h in history], t("chart.score_axis"), 1.0),
        (roi_ax, [h["roi"] for h in history], t("chart.roi_axis"), 100.0),
    ):
        points = [(x, v * scale) for x, v in zip(xs, values, strict=True) if v is not None]
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
