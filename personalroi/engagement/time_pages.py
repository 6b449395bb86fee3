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
from collections.abc import Callable

from personalroi.data.engagement_sums import PAGE_BINS
from personalroi.engagement.aggregates import GroupSums, WindowCell
from personalroi.engagement.result import (
    ArmBestWindow,
    Lift,
    PagesEntry,
    PagesTest,
    SegmentWindows,
    TimeCorrelation,
    TimeWindow,
)
from personalroi.i18n.phrase import Phrase
from personalroi.stats.association import chi_square_independence, pearson, wilson_interval
from personalroi.stats.ratio import compare_ratios, ratio_estimate

MIN_WINDOW_UNITS = 30  # a smaller window cannot be "best"


def correlations(groups: dict[str, GroupSums], alpha: float) -> tuple[TimeCorrelation, ...]:
    out = []
    for arm, g in groups.items():
        corr = pearson(g.time_conversion, alpha)
        out.append(
            TimeCorrelation(
                arm,
                g.time_conversion.n,
                None if corr is None else corr.r,
                None if corr is None else corr.ci,
                None if corr is None else corr.p_value,
            )
        )
    return tuple(out)


def _window_rows(
    cells: dict[int, list[int]], edges: tuple[float, ...], alpha: float
) -> tuple[TimeWindow, ...]:
    rows = []
    for w in range(len(edges) - 1):
        n, c = cells.get(w, [0, 0])
        rate = c / n if n else None
        rows.append(TimeWindow(w, edges[w], edges[w + 1], n, c, rate, wilson_interval(c, n, alpha)))
    return tuple(rows)


def _best(rows: tuple[TimeWindow, ...]) -> int | None:
    usable = [r for r in rows if r.units >= MIN_WINDOW_UNITS]
    # A window with units has a rate; the key's `or 0.0` only satisfies the type.
    return max(usable, key=lambda r: r.rate or 0.0).window if usable else None


def best_windows(
    cells: list[WindowCell], edges: tuple[float, ...], arms: list[str], alpha: float
) -> tuple[SegmentWindows, ...]:
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
        test = chi_square_independence([[r.conversions, r.units - r.conversions] for r in rows])
        by_arm = []
        for arm in arms:
            arm_rows = _window_rows(per_arm.get((segment, arm), {}), edges, alpha)
            best = _best(arm_rows)
            if best is None:
                by_arm.append(ArmBestWindow(arm, None, None, None, None))
            else:
                pick = arm_rows[best]
                by_arm.append(ArmBestWindow(arm, best, pick.rate, pick.ci, pick.units))
        out.append(
            SegmentWindows(
                segment,
                rows,
                _best(rows),
                None if test is None else test.statistic,
                None if test is None else test.df,
                None if test is None else test.p_value,
                tuple(by_arm),
            )
        )
    return tuple(out)


def pages_distribution(
    groups: dict[str, GroupSums], control: str, treatments: list[str], alpha: float
) -> tuple[PagesEntry, ...]:
    """Per arm: session shares per page bin and mean pages per session; vs control for
    the treatments (a chi-square test on the bin counts and the delta-method lift)."""
    out = []
    base = groups[control]
    for arm in [control, *treatments]:
        g = groups[arm]
        counts = g.page_bins
        total = sum(counts)
        vs_control = None
        if arm != control:
            test = chi_square_independence([base.page_bins, counts])
            vs_control = PagesTest(
                None if test is None else test.statistic,
                None if test is None else test.df,
                None if test is None else test.p_value,
                Lift.of(compare_ratios(base.pages, g.pages, alpha)),
            )
        out.append(
            PagesEntry(
                arm,
                total,
                dict(zip(PAGE_BINS, counts, strict=True)),
                {b: (c / total if total else None) for b, c in zip(PAGE_BINS, counts, strict=True)},
                ratio_estimate(g.pages).value,
                vs_control,
            )
        )
    return tuple(out)


def _seconds(x: float) -> str:
    return f"{x:,.0f} s" if x < 600 else f"{x / 60:,.0f} min"


def window_label(row: TimeWindow) -> str:
    return f"{_seconds(row.low)}–{_seconds(row.high)}"


def time_findings(
    corr: tuple[TimeCorrelation, ...], windows: tuple[SegmentWindows, ...]
) -> list[Phrase]:
    out = []
    # pearson() gives r, its interval and p together: a row has all three or none.
    usable = [
        (c.arm, c.r, c.ci, c.p_value)
        for c in corr
        if c.r is not None and c.ci is not None and c.p_value is not None
    ]
    if usable:
        arms = tuple(
            Phrase.of("eng.corr.arm", arm=arm, r=f"{r:+.2f} [{ci[0]:+.2f}, {ci[1]:+.2f}]")
            for arm, r, ci, _ in usable
        )
        worst_p = max(p for *_, p in usable)
        p = (
            Phrase.of("eng.corr.p_all")
            if worst_p < 0.001
            else Phrase.of("eng.corr.p_max", p=worst_p)
        )
        out.append(Phrase.of("eng.corr", arms=arms, p=p))
    out += window_findings(windows, window_label, Phrase.of("eng.unit.on_site"))
    return out


def where(segment: str | None) -> Phrase:
    """Who a finding is about: every visitor, or one segment's."""
    if segment is None:
        return Phrase.of("eng.where.all")
    return Phrase.of("eng.where.segment", segment=segment)


def window_findings(
    windows: tuple[SegmentWindows, ...], label: Callable[[TimeWindow], str], unit: Phrase
) -> list[Phrase]:
    """Per segment: the best window against the worst, with the test across windows."""
    out = []
    for seg in windows:
        best = seg.best_window
        if best is None:
            continue
        row = seg.windows[best]
        rated = [(r.rate, r) for r in seg.windows if r.rate is not None]
        low_rate, lowest = min(rated, key=lambda pair: pair[0])
        test = None
        if seg.p_value is not None:
            test = Phrase.of("eng.window.test", p=_p(seg.p_value))
        assert row.rate is not None and row.ci is not None  # the best window has units
        out.append(
            Phrase.of(
                "eng.window",
                where=where(seg.segment),
                best=label(row),
                unit=unit,
                rate=f"{row.rate:.1%} [{row.ci[0]:.1%}, {row.ci[1]:.1%}]",
                low_rate=f"{low_rate:.1%}",
                low=label(lowest),
                test=test,
            )
        )
    return out


def pages_label(row: TimeWindow) -> str:
    return f"{_short(row.low)}–{_short(row.high)}"


def _short(x: float) -> str:
    """Up to two decimals without trailing zeros: quantiles of page averages are often whole."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def pages_findings(pages: tuple[PagesEntry, ...]) -> list[Phrase]:
    out = []
    control = pages[0]
    for entry in pages[1:]:
        vs = entry.vs_control
        assert vs is not None  # every entry after control's
        rel, ci = vs.mean_lift.relative_lift, vs.mean_lift.relative_ci
        change = None
        if rel is not None and ci is not None:
            change = Phrase.of("eng.pages.change", lift=f"{rel:+.1%} [{ci[0]:+.1%}, {ci[1]:+.1%}]")
        test = None if vs.p_value is None else Phrase.of("eng.pages.test", p=_p(vs.p_value))
        out.append(
            Phrase.of(
                "eng.pages",
                arm=entry.arm,
                mean=entry.mean,
                control=control.mean,
                change=change,
                bins="/".join(PAGE_BINS),
                shares="/".join(_share(entry.shares[b]) for b in PAGE_BINS),
                base="/".join(_share(control.shares[b]) for b in PAGE_BINS),
                test=test,
            )
        )
    return out


def _share(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"
