"""Every attribution model over the same paths, one Python object per touch.

The per-touch reference: `personalroi attribute` computes the same document in SQL
(journeys.py), and the tests hold it to this one (tests/test_attribution_journeys.py).
"""

from __future__ import annotations

from typing import Any

from personalroi.attribution import rules
from personalroi.attribution.markov import attribute_markov
from personalroi.attribution.paths import Credits, Path

MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based", "markov")


def attribute_all(paths: list[Path], half_life_days: float) -> dict[str, Credits]:
    weights = {
        "first_touch": rules.first_touch,
        "last_touch": rules.last_touch,
        "linear": rules.linear,
        "time_decay": rules.time_decay(half_life_days),
        "position_based": rules.position_based,
    }
    out = {name: rules.attribute(paths, w) for name, w in weights.items()}
    out["markov"] = attribute_markov(paths)
    return {name: out[name] for name in MODELS}


def attribution_to_dict(
    credits: dict[str, Credits], paths: list[Path], half_life_days: float
) -> dict[str, Any]:
    converted = [p for p in paths if p.converted]
    return {
        "schema_version": 1,
        "models": {name: c.as_dict() for name, c in credits.items()},
        "total_value": float(sum(p.value for p in converted)),
        "conversions": len(converted),
        "non_converting_paths": len(paths) - len(converted),
        "half_life_days": half_life_days,
    }
