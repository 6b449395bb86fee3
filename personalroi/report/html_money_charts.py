"""The sensitivity tornado for the HTML report, drawn like the other charts (html_charts.py):
matplotlib to inline SVG, checked by the same allow-list before it reaches the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from personalroi.i18n import t
from personalroi.report import money_view, numbers
from personalroi.report.html_charts import BAR_COLOR, _figure, _svg, label

if TYPE_CHECKING:
    from personalroi.document.money import RoiJson


def tornado(row: RoiJson) -> Markup | None:
    """One bar per assumption from the ROI at its low value to the ROI at its high value,
    around the ROI as estimated; the widest swing on top (the rows come sorted)."""
    # (assumption, ROI at its low value, ROI at its high value). An end's ROI is null
    # when there is no investment at that end (a cost line's low end can lose it); a
    # row is drawn when both ends have one.
    rows = [
        (s["assumption"], low, high)
        for s in row.get("sensitivity") or []
        if (low := s["roi_low"]) is not None and (high := s["roi_high"]) is not None
    ]
    roi = row["roi"]
    if not rows or roi is None:
        return None
    from matplotlib.ticker import FuncFormatter

    fig = _figure(6.0, 0.35 * len(rows) + 1.1)
    ax = fig.add_subplot()
    centre = 100.0 * float(roi)
    for y, (_, low, high) in enumerate(reversed(rows)):
        for end in (low, high):
            value = 100.0 * float(end)
            # Blue where the assumption's low/high end raises ROI, red where it lowers it.
            color = BAR_COLOR["gain"] if value >= centre else BAR_COLOR["cost"]
            ax.barh(y, value - centre, left=centre, color=color, height=0.6)
    ax.axvline(centre, color="#24292f", linewidth=0.9)
    names = [label(money_view.assumption(name)) for name, _, _ in reversed(rows)]
    ax.set_yticks(range(len(rows)), names)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: numbers.local(f"{v:+.0f}%")))
    ax.set_xlabel(t("chart.tornado_axis"), fontsize=9)
    ax.set_title(label(t("chart.tornado_title", arm=row["arm"])), fontsize=10, loc="left")
    ax.grid(axis="x", color="#d0d7de", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    fig.tight_layout()
    return _svg(fig, f"tornado-{row['arm']}")
