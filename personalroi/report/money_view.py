"""Cells shared by every format for the money additions (SPEC 7.2): payback, break-even,
what drives the uncertainty, and the sensitivity rows. Formatting only: the audit decided
every number and sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from personalroi.i18n import say, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.money import RoiJson, SensitivityJson


def signed_pct(x: float | None) -> str:
    return numbers.whole_pct(x)


def payback(row: RoiJson, short: bool = True) -> str:
    """'0.6 mo', '14.2 mo*' (after the horizon), 'never' (net flow <= 0) or 'undefined'."""
    if row.get("undefined_reason"):
        return t("money.undefined")
    months = row.get("payback_months")
    if months is None:
        return t("money.never") if row.get("roi") is not None else "–"
    text = numbers.months(months, short)
    return text if row.get("payback_within_horizon", True) else text + "*"


def break_even(row: RoiJson) -> str:
    if row.get("undefined_reason"):
        return t("money.undefined")
    return numbers.pct(row.get("break_even_relative_lift"))


def roi_cell(row: RoiJson, fmt: Callable[[float | None], str] = signed_pct) -> str:
    """'+420% [-1541%, +2381%]', or 'undefined' without costs."""
    if row.get("undefined_reason"):
        return t("money.undefined")
    return _roi_ci(row["roi"], row["roi_ci"], fmt)


def _roi_ci(
    roi: float | None, ci: list[float] | None, fmt: Callable[[float | None], str] = signed_pct
) -> str:
    value = fmt(roi)
    return f"{value} [{fmt(ci[0])}, {fmt(ci[1])}]" if ci else value


def drivers(result: AuditJson) -> list[str]:
    """'extreme: The CLV forecast is 72% of the ROI's uncertainty; ...', one per arm."""
    return [
        f"{r['arm']}: {say(r.get('uncertainty_driver_phrase'), driver)}"
        for r in result.get("roi") or []
        if (driver := r.get("uncertainty_driver"))
    ]


def effort(result: AuditJson) -> list[str]:
    """'extreme: effort 400 hours and 3.0 FTE-months, EUR 62,000 of the 126,000 invested'."""
    out = []
    for r in result.get("roi") or []:
        e = r.get("effort")
        if not e:
            continue
        parts = [t("effort.hours", hours=numbers.fixed(e["hours"], 0))] if e["hours"] else []
        if e["fte_months"]:
            parts.append(t("effort.fte_months", months=numbers.fixed(e["fte_months"], 1)))
        out.append(
            t(
                "effort.line",
                arm=r["arm"],
                parts=t("effort.and").join(parts),
                cost=numbers.money(e["cost"]),
                investment=numbers.money(r["investment"]),
                currency=r.get("currency", ""),
            ).rstrip()
        )
    return out


def heavy_tails(result: AuditJson) -> list[str]:
    """'extreme: a few extreme units decide the revenue lift (+0.69 -> +0.21 per unit capped
    at the top 0.1 %); capped, ROI would be +120% instead of +420%'."""
    out = []
    for r in result.get("roi") or []:
        tail = r.get("heavy_tail")
        if not tail:
            continue
        out.append(
            t(
                "money.heavy_tail",
                arm=r["arm"],
                metric=tail["metric"],
                lift=numbers.local(f"{tail['lift']:+,.4g}"),
                capped=numbers.local(f"{tail['capped_lift']:+,.4g}"),
                capped_roi=signed_pct(tail["capped_roi"]),
                roi=signed_pct(tail["roi"]),
            )
        )
    return out


def notes(result: AuditJson) -> list[str]:
    """The lines under every ROI table: undefined figures, what drives it, tails, effort."""
    return [*undefined_notes(result), *drivers(result), *heavy_tails(result), *effort(result)]


def undefined_notes(result: AuditJson) -> list[str]:
    reasons = {why for r in result.get("roi") or [] if (why := r.get("undefined_reason"))}
    return sorted(reasons)


def _amount(assumption: str, value: float, currency: str) -> str:
    if assumption in ("gross_margin", "discount_rate"):
        return numbers.pct(value, signed=False)
    if assumption == "horizon_months":
        return numbers.local(f"{value:.1f}") + " " + t("unit.mo")
    if assumption == "eligible_units_per_month":
        return numbers.count(value)
    return numbers.money(value, currency)


def sensitivity_rows(row: RoiJson, currency: str = "") -> list[list[str]]:
    """[assumption, low, high, ROI at low, ROI at high, NPV at low, NPV at high]."""
    return [
        [
            assumption(s["assumption"])
            + (" " + t("sensitivity.config_range") if s["range_from"] == "config" else ""),
            _amount(s["assumption"], s["low"], currency),
            _amount(s["assumption"], s["high"], currency),
            signed_pct(s["roi_low"]),
            signed_pct(s["roi_high"]),
            numbers.money(s["npv_low"], currency),
            numbers.money(s["npv_high"], currency),
        ]
        for s in row.get("sensitivity") or []
    ]


def assumption(name: str) -> str:
    """'eligible_units_per_month' (a config key: stays), 'cost: content operations' (a cost
    line: the word translated, the user's name kept)."""
    for kind in ("cost", "saving"):
        if name.startswith(f"{kind}: "):
            return f"{t(f'sensitivity.{kind}')}: {name[len(kind) + 2 :]}"
    return name


def sensitivity_header() -> list[str]:
    keys = ("assumption", "low", "high", "roi_low", "roi_high", "npv_low", "npv_high")
    return [t(f"col.{key}") for key in keys]


def featured_arm(result: AuditJson) -> RoiJson | None:
    """The ROI entry of the verdict's arm (else the first with sensitivity rows)."""
    rows = [r for r in result.get("roi") or [] if r.get("sensitivity")]
    verdict = result.get("verdict")
    arm = verdict.get("arm") if verdict else None
    return next((r for r in rows if r["arm"] == arm), rows[0] if rows else None)


def sensitivity_note(row: RoiJson) -> str:
    """How the ranges were chosen, read off the rows themselves."""
    default: SensitivityJson | None = next(
        (s for s in row.get("sensitivity") or [] if s["range_from"] == "default"), None
    )
    spread = ""
    if default is not None and default["high"] + default["low"] > 0:
        fraction = (default["high"] - default["low"]) / (default["high"] + default["low"])
        spread = t("sensitivity.default_spread", spread=numbers.whole_pct(fraction, signed=False))
    return t("sensitivity.note", spread=spread)


def level_header() -> list[str]:
    return [t(f"col.{key}") for key in ("arm", "dimension", "level", "share", "roi_ci_plain",
                                         "p_roi")]  # fmt: skip


def level_note() -> str:
    return t("roi_level.note")


def level_rows(result: AuditJson) -> list[list[str]]:
    """One row per arm x dimension x level of `roi_by_level`."""
    return [
        [
            r["arm"],
            r["dimension"],
            r["level"],
            numbers.pct(r["eligible_share"], signed=False),
            _roi_ci(r["roi"], r["roi_ci"]),  # a level has no undefined_reason: null ROI
            numbers.pct(r["probability_roi_positive"], signed=False),
        ]
        for r in result.get("roi_by_level") or []
    ]


PRIORITY_KEYS = ("rank", "arm", "roi", "p_roi", "investment", "flag", "recommendation")


def priority_header() -> list[str]:
    return [t(f"col.{key}") for key in PRIORITY_KEYS]


def priority_rows(result: AuditJson, currency: str = "") -> list[list[str]]:
    """Markdown and HTML priorities: what the terminal shows, flag and advice included."""
    rows = sorted(result.get("priorities") or [], key=lambda p: p.get("rank") or 0)
    return [
        [
            f"#{p['rank']}" if p.get("rank") is not None else "–",
            str(p.get("arm") or ""),
            numbers.pct(p.get("roi")),
            numbers.pct(p.get("probability_roi_positive"), signed=False),
            numbers.money(p.get("investment"), currency),
            say(p.get("flag_phrase"), str(p.get("flag") or "–")),
            say(p.get("recommendation_phrase"), str(p.get("recommendation") or "")),
        ]
        for p in rows
    ]
