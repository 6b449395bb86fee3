"""The `engagement` section of the audit result: load the sums, compute every insight,
adjust the tests' p-values as one family, and write the findings (docs/engagement.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from personalroi.config.model import Config
from personalroi.engagement import bounce_ctr, time_pages
from personalroi.engagement.aggregates import EngagementData, load_engagement
from personalroi.stats.correction import adjust

if TYPE_CHECKING:
    from personalroi.data.dataset import Dataset

WINDOWS_METHOD = "quantile bins of visitor time on site, all arms pooled"


def engagement_section(config: Config, data: Dataset, unit_table: str) -> dict[str, Any]:
    """{"engagement": ...} for a config with an engagement section, else {}."""
    if config.engagement is None or not data.tables:
        return {}
    sums = load_engagement(data.con, config, unit_table)
    return {"engagement": build_section(config, sums, data.control, data.treatments)}


def build_section(
    config: Config, sums: EngagementData, control: str, treatments: list[str]
) -> dict[str, Any]:
    eng = config.engagement
    assert eng is not None
    exp, econ = config.experiment, config.economics
    alpha = exp.alpha
    arms = [control, *treatments]
    groups = {(g.arm, g.segment): g for g in sums.groups if g.arm in arms}
    overall = {a: groups[(a, None)] for a in arms if (a, None) in groups}
    segments: list[str | None] = [None]
    segments += sorted({s for (_, s) in groups if s is not None})
    out: dict[str, Any] = {
        "segment_dimension": eng.segment,
        "currency": econ.currency,
        "time_on_site": None,
        "pages": None,
        "bounce": None,
        "ctr": None,
        "clicks_to_conversion": None,
    }
    findings: list[str] = []
    if eng.time_on_site is not None:
        corr = time_pages.correlations(overall, alpha)
        windows = time_pages.best_windows(sums.windows, sums.edges, arms, alpha)
        out["time_on_site"] = {
            "correlation": corr,
            "window_edges": list(sums.edges),
            "window_method": f"{eng.windows} {WINDOWS_METHOD}",
            "segments": windows,
        }
        findings += time_pages.time_findings(corr, windows)
    if eng.pages is not None and control in overall:
        pages = time_pages.pages_distribution(overall, control, treatments, alpha)
        out["pages"] = pages
        findings += time_pages.pages_findings(pages)
    tested: list[dict[str, Any]] = []
    if eng.bounced is not None:
        out["bounce"] = bounce_ctr.bounce_rows(
            groups, control, treatments, segments, alpha, econ.eligible_units_per_month,
            eng.value is not None,
        )  # fmt: skip
        tested += out["bounce"]
    if eng.has_clicks:
        out["ctr"] = bounce_ctr.ctr_rows(groups, control, treatments, segments, alpha)
        out["clicks_to_conversion"] = bounce_ctr.click_rows(groups, treatments, segments, alpha)
        tested += out["ctr"] + out["clicks_to_conversion"]
    adjusted = adjust([r["p_value"] for r in tested], exp.correction)
    for row, p_adj in zip(tested, adjusted, strict=True):
        row["p_value_adjusted"] = p_adj
        row["significant"] = p_adj is not None and p_adj < alpha
    if out["bounce"] is not None:
        findings += bounce_ctr.bounce_findings(out["bounce"], econ.currency)
    if out["ctr"] is not None:
        findings += bounce_ctr.ctr_findings(out["ctr"])
        findings += bounce_ctr.click_findings(out["clicks_to_conversion"])
    out["findings"] = findings
    return out
