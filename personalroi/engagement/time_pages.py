"""Time on site vs conversion, and pages per session before/after: pure functions on sums.

- Correlation per arm: Pearson's r between a visitor's total time on site and whether
  they converted (point-biserial), over visitors with at least one session.
- Windows: fixed quantile bins of visitor time on site over all arms pooled (the same
  edges for every arm and segment); per window the conversion rate with a Wilson
  interval, the best window, and a chi-square test that the rate is the same in all.
- Pages: share of sessions with 1, 2-3, 4-6, 7+ pages per arm, the mean pages per
  session (delta method over visitors), and a chi-square test of arm x bin counts.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from personalroi.engagement.aggregates import GroupSums, WindowCell
from personalroi.engagement.unit_sql import PAGE_BINS
from personalroi.stats.association import chi_square_independence, pearson, wilson_interval
from personalroi.stats.comparison import comparison_fields
from personalroi.stats.ratio import compare_ratios, ratio_estimate

MIN_WINDOW_UNITS = 30  # a smaller window cannot be "best"


def correlations(groups: dict[str, GroupSums], alpha: float) -> list[dict[str, Any]]:
    out = []
    for arm, g in groups.items():
        corr = pearson(g.time_conversion, alpha)
        out.append(
            {
                "arm": arm,
                "n": g.time_conversion.n,
                "r": None if corr is None else corr.r,
                "ci": None if corr is None else corr.ci,
                "p_value": None if corr is None else corr.p_value,
            }
        )
    return out


def _window_rows(cells: dict[int, list[int]], edges: tuple[float, ...], alpha: float) -> list[Any]:
    rows = []
    for w in range(len(edges) - 1):
        n, c = cells.get(w, [0, 0])
        rows.append(
            {
                "window": w,
                "low": edges[w],
                "high": edges[w + 1],
                "units": n,
                "conversions": c,
                "rate": c / n if n else None,
                "ci": wilson_interval(c, n, alpha),
            }
        )
    return rows


def _best(rows: list[dict[str, Any]]) -> int | None:
    usable = [r for r in rows if r["units"] >= MIN_WINDOW_UNITS]
    return max(usable, key=lambda r: r["rate"])["window"] if usable else None


def best_windows(
    cells: list[WindowCell], edges: tuple[float, ...], arms: list[str], alpha: float
) -> list[dict[str, Any]]:
    """Per segment (None: all units): windows pooled over arms, and each arm's best window."""
    pooled: dict[str | None, dict[int, list[int]]] = defaultdict(dict)
    per_arm: dict[tuple[str | None, str], dict[int, list[int]]] = defaultdict(dict)
    for cell in cells:
        for key, table in ((cell.segment, pooled), ((cell.segment, cell.arm), per_arm)):
            counts = table[key].setdefault(cell.window, [0, 0])  # type: ignore[index]
            counts[0] += cell.units
            counts[1] += cell.conversions
    out = []
    for segment in sorted(pooled, key=lambda s: (s is None, s or "")):
        rows = _window_rows(pooled[segment], edges, alpha)
        test = chi_square_independence(
            [[r["conversions"], r["units"] - r["conversions"]] for r in rows]
        )
        by_arm = []
        for arm in arms:
            arm_rows = _window_rows(per_arm.get((segment, arm), {}), edges, alpha)
            best = _best(arm_rows)
            pick = arm_rows[best] if best is not None else None
            by_arm.append(
                {
                    "arm": arm,
                    "best_window": best,
                    "rate": None if pick is None else pick["rate"],
                    "ci": None if pick is None else pick["ci"],
                    "units": None if pick is None else pick["units"],
                }
            )
        out.append(
            {
                "segment": segment,
                "windows": rows,
                "best_window": _best(rows),
                "chi2": None if test is None else test.statistic,
                "df": None if test is None else test.df,
                "p_value": None if test is None else test.p_value,
                "by_arm": by_arm,
            }
        )
    return out


def pages_distribution(
    groups: dict[str, GroupSums], control: str, treatments: list[str], alpha: float
) -> list[dict[str, Any]]:
    """Per arm: session shares per page bin and mean pages per session; vs control for
    the treatments (a chi-square test on the bin counts and the delta-method lift)."""
    out = []
    base = groups[control]
    for arm in [control, *treatments]:
        g = groups[arm]
        counts = g.page_bins
        total = sum(counts)
        est = ratio_estimate(g.pages)
        entry: dict[str, Any] = {
            "arm": arm,
            "sessions": total,
            "counts": dict(zip(PAGE_BINS, counts, strict=True)),
            "shares": {
                b: (c / total if total else None) for b, c in zip(PAGE_BINS, counts, strict=True)
            },
            "mean": est.value,
            "vs_control": None,
        }
        if arm != control:
            test = chi_square_independence([base.page_bins, counts])
            lift = compare_ratios(base.pages, g.pages, alpha)
            entry["vs_control"] = {
                "chi2": None if test is None else test.statistic,
                "df": None if test is None else test.df,
                "p_value": None if test is None else test.p_value,
                "mean_lift": comparison_fields(lift),
            }
        out.append(entry)
    return out


def _seconds(x: float) -> str:
    return f"{x:,.0f} s" if x < 600 else f"{x / 60:,.0f} min"


def window_label(row: dict[str, Any]) -> str:
    return f"{_seconds(row['low'])}–{_seconds(row['high'])}"


def time_findings(corr: list[dict[str, Any]], windows: list[dict[str, Any]]) -> list[str]:
    out = []
    usable = [c for c in corr if c["r"] is not None]
    if usable:
        parts = ", ".join(
            f"{c['arm']} {c['r']:+.2f} [{c['ci'][0]:+.2f}, {c['ci'][1]:+.2f}]" for c in usable
        )
        worst_p = max(c["p_value"] for c in usable)
        p_text = "p < 0.001 in every arm" if worst_p < 0.001 else f"largest p = {worst_p:.2g}"
        out.append(f"time on site vs conversion: correlation r {parts} ({p_text})")
    for seg in windows:
        best = seg["best_window"]
        if best is None:
            continue
        row = seg["windows"][best]
        where = "all visitors" if seg["segment"] is None else f"segment {seg['segment']}"
        lowest = min((r for r in seg["windows"] if r["rate"] is not None), key=lambda r: r["rate"])
        p = seg["p_value"]
        test = "" if p is None else f" (chi-square across windows p {_p(p)})"
        out.append(
            f"{where}: converts best at {window_label(row)} on site, "
            f"{row['rate']:.1%} [{row['ci'][0]:.1%}, {row['ci'][1]:.1%}], vs "
            f"{lowest['rate']:.1%} at {window_label(lowest)}{test}"
        )
    return out


def pages_findings(pages: list[dict[str, Any]]) -> list[str]:
    out = []
    control = pages[0]
    for entry in pages[1:]:
        vs = entry["vs_control"]
        lift = vs["mean_lift"]
        shares = "/".join(_share(entry["shares"][b]) for b in PAGE_BINS)
        base = "/".join(_share(control["shares"][b]) for b in PAGE_BINS)
        rel, ci = lift["relative_lift"], lift["relative_ci"]
        change = "" if rel is None or ci is None else f" ({rel:+.1%} [{ci[0]:+.1%}, {ci[1]:+.1%}])"
        test = "" if vs["p_value"] is None else f" (chi-square p {_p(vs['p_value'])})"
        out.append(
            f"pages per session in {entry['arm']}: {entry['mean']:.2f} vs {control['mean']:.2f}"
            f"{change}; sessions with {'/'.join(PAGE_BINS)} pages: {shares} vs {base}{test}"
        )
    return out


def _share(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"
