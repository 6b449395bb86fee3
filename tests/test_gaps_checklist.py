"""Each missing piece of the measurement checklist produces its gap; supplying it removes it."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from personalroi.config.model import Config, MetricConfig
from personalroi.scorecard.checklist import measurement_gaps

BASE: dict[str, Any] = {
    "experiment": {"name": "t", "control": "a", "start": "2026-07-01", "end": "2026-07-31"},
    "units": {"path": "u.csv", "id": "id", "arm": "arm"},
    "sources": {"orders": {"path": "o.csv", "id": "id"}},
    "metrics": {"revenue_per_visitor": {"type": "mean", "value": "orders.amount"}},
    "economics": {"revenue_metric": "revenue_per_visitor", "eligible_units_per_month": 1000},
}
COMPLETE: dict[str, Any] = {
    **BASE,
    "experiment": {**BASE["experiment"], "hypothesis": "recommendations raise revenue by 3 %"},
    "sources": {**BASE["sources"], "feedback": {"path": "comments.csv", "id": "id"}},
    "units": {
        **BASE["units"],
        "dimensions": ["segment", "channel"],
        "covariates": {"revenue_per_visitor": "pre_revenue"},
        "timestamp": "first_exposure",
    },
    "metrics": {
        "revenue_per_visitor": {
            **BASE["metrics"]["revenue_per_visitor"],
            "goal": {"relative_lift": 0.03},
        },
        "bounce_rate": {
            "type": "binary",
            "value": "sessions.bounced",
            "better": "lower",
            "goal": {"relative_lift": -0.03},
        },
        "nps": {"type": "nps", "value": "survey.score", "weight": 0},
    },
    "costs": [
        {"name": "engine", "category": "technology", "monthly": 1},
        {"name": "team", "category": "personnel", "one_off": 1},
        {"name": "content", "category": "ongoing", "monthly": 1},
    ],
    "savings": [{"name": "emails", "category": "marketing", "monthly": 1}],
    "economics": {**BASE["economics"], "gross_margin": 0.4},
    "calendar": [{"name": "sale", "start": "2026-07-10", "end": "2026-07-12"}],
    "governance": {"max_concurrent_changes": 1, "changes": []},
    "engagement": {
        "source": "orders",
        "conversion": "orders",
        "value": "amount",
        "segment": "segment",
        "time_on_site": "time_on_site",
        "pages": "pages",
        "bounced": "bounced",
        "personalized_impressions": "pi",
        "personalized_clicks": "pc",
        "default_impressions": "di",
        "default_clicks": "dc",
    },
}
ALWAYS = {"lifetime value", "attribution"}  # not configurable on this branch


def areas(config: Config, srm_ok: bool = True) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for gap in measurement_gaps(config, srm_ok=srm_ok):
        assert gap.severity in ("high", "medium", "low")
        assert gap.recommendation
        out.setdefault(gap.area, []).append(gap.finding)
    return out


def without(path: str) -> Config:
    raw = copy.deepcopy(COMPLETE)
    *parents, last = path.split(".")
    node = raw
    for key in parents:
        node = node[key]
    del node[last]
    return Config.model_validate(raw)


def test_complete_config_has_only_the_unconfigurable_gaps() -> None:
    assert set(areas(Config.model_validate(COMPLETE))) == ALWAYS


@pytest.mark.parametrize(
    ("removed", "area", "text"),
    [
        ("units.covariates", "baseline", "no pre-period baseline covariate"),
        ("units.dimensions", "segments", "no breakdown by segment"),
        ("metrics.nps", "voice of customer", "no NPS"),
        ("metrics.bounce_rate", "engagement", "no engagement metric"),
        ("savings", "savings", "no cost savings"),
        ("calendar", "calendar", "no calendar"),
        ("units.timestamp", "trend", "trend and novelty can't be checked"),
        ("economics.gross_margin", "economics", "not gross profit"),
        ("costs", "costs", "no costs configured"),
        ("engagement", "engagement", "no engagement insights"),
        ("engagement.time_on_site", "engagement", "without time on site vs conversion"),
        ("engagement.value", "engagement", "without money value of a prevented bounce"),
        ("experiment.hypothesis", "hypothesis", "no hypothesis stated"),
        ("metrics.bounce_rate.goal", "goals", "1 metric(s) without a goal: bounce_rate"),
        ("sources.feedback", "voice of customer", "no qualitative feedback source"),
    ],
)
def test_missing_item_produces_its_gap(removed: str, area: str, text: str) -> None:
    found = areas(without(removed))
    assert set(found) == ALWAYS | {area}
    assert any(text in f for f in found[area])


@pytest.mark.parametrize("category", ["technology", "personnel", "ongoing"])
def test_each_missing_cost_category_is_a_gap(category: str) -> None:
    raw = copy.deepcopy(COMPLETE)
    raw["costs"] = [c for c in raw["costs"] if c["category"] != category]
    found = areas(Config.model_validate(raw))
    assert found["costs"] == [f"no {category} costs: the investment is understated"]


def test_channel_dimension_missing_means_omnichannel_never_examined() -> None:
    raw = copy.deepcopy(COMPLETE)
    raw["units"]["dimensions"] = ["segment"]
    gaps = measurement_gaps(Config.model_validate(raw), srm_ok=True)
    (segment_gap,) = [g for g in gaps if g.area == "segments"]
    assert segment_gap.severity == "medium"
    assert "omnichannel consistency is never examined" in segment_gap.finding


def test_guardrails_and_unweighted_metrics_need_no_goal() -> None:
    raw = copy.deepcopy(COMPLETE)
    raw["metrics"]["errors"] = {"type": "mean", "value": "sessions.errors", "guardrail": True}
    raw["metrics"]["pages"] = {"type": "mean", "value": "sessions.pages", "weight": 0}
    assert "goals" not in areas(Config.model_validate(raw))


def test_a_qualitative_source_is_recognised_by_its_file_name() -> None:
    raw = copy.deepcopy(COMPLETE)
    raw["sources"] = {**BASE["sources"], "answers": {"path": "survey_comments.csv", "id": "id"}}
    found = areas(Config.model_validate(raw)).get("voice of customer", [])
    assert not any("qualitative" in finding for finding in found)


def test_clv_metric_removes_the_clv_gap() -> None:
    config = Config.model_validate(COMPLETE)
    assert any(g.area == "lifetime value" and g.severity == "high" for g in
               measurement_gaps(config, srm_ok=True))  # fmt: skip
    # The clv metric type arrives on another branch; construct it without validation.
    clv = MetricConfig.model_construct(type="clv", weight=3.0)  # type: ignore[arg-type]
    with_clv = config.model_copy(update={"metrics": {**config.metrics, "clv_forecast": clv}})
    assert "lifetime value" not in areas(with_clv)


def test_engagement_without_clicks_names_the_click_keys() -> None:
    raw = copy.deepcopy(COMPLETE)
    for key in ("personalized_impressions", "personalized_clicks"):
        del raw["engagement"][key]
        del raw["engagement"][key.replace("personalized", "default")]
    (gap,) = [g for g in measurement_gaps(Config.model_validate(raw), srm_ok=True)
              if g.area == "engagement"]  # fmt: skip
    assert gap.finding == "engagement insights without CTR of personalized vs default elements"
    assert gap.recommendation == "set engagement.personalized_clicks (all four click columns)"


def test_srm_failure_is_a_high_gap() -> None:
    found = measurement_gaps(Config.model_validate(COMPLETE), srm_ok=False, srm_p=1e-5)
    assert found[0].area == "control group" and found[0].severity == "high"


def test_too_many_concurrent_changes() -> None:
    raw = copy.deepcopy(COMPLETE)
    raw["governance"]["changes"] = [
        {"date": "2026-07-05", "description": "checkout button"},
        {"date": "2026-07-20", "description": "new menu"},
        {"date": "2026-09-01", "description": "after the test"},
    ]
    found = areas(Config.model_validate(raw))
    assert found["governance"] == [
        "2 other changes went live during the test (max_concurrent_changes is 1)"
    ]


def test_every_checklist_gap_speaks_german_and_swedish() -> None:
    """Each item of the bare config's checklist is a phrase: its English text is the stored
    one, and German and Swedish render every finding and advice in their own words."""
    from personalroi.i18n import Lang, say, using
    from personalroi.scorecard.cadence import NO_HISTORY, cadence_gaps

    bare = copy.deepcopy(BASE)
    bare["economics"] = {"eligible_units_per_month": 0}
    change = {"date": "2026-07-05", "description": "new menu"}
    bare["governance"] = {"max_concurrent_changes": 0, "changes": [change]}
    config = Config.model_validate(bare)
    gaps = [
        *measurement_gaps(config, srm_ok=False, srm_p=0.0012),
        *cadence_gaps(NO_HISTORY, dt.datetime(2026, 8, 1, tzinfo=dt.timezone.utc), None),
    ]
    assert len(gaps) >= 15
    for gap in gaps:
        assert gap.finding_phrase is not None and gap.recommendation_phrase is not None
        assert gap.finding_phrase.text() == gap.finding
        assert gap.recommendation_phrase.text() == gap.recommendation
        for lang in (Lang.de, Lang.sv):
            with using(lang):
                finding, advice = say(gap.finding_phrase), say(gap.recommendation_phrase)
            assert finding != gap.finding, (lang, finding)
            assert advice != gap.recommendation, (lang, advice)
    srm = next(g for g in gaps if g.area == "control group")
    assert srm.finding == "sample ratio mismatch (p = 0.0012): the arms are not split as planned"
    with using(Lang.de):
        assert say(srm.finding_phrase).startswith("Sample Ratio Mismatch (p = 0,0012)")
