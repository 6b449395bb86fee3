"""First-order Markov chain attribution by removal effect.

States are the touchpoint types ((channel, personalized) pairs), plus start,
conversion and null (the journey ended without converting). The removal effect
of a channel is the share of conversions lost when its states lead to null
instead; the converted value is split in proportion to the removal effects.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from personalroi.attribution.credits import NO_TOUCH, Credits, Touch

START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"
State = tuple[str, bool]


def conversion_probability(
    counts: Counter[tuple[object, object]], removed: frozenset[object] = frozenset()
) -> float:
    """P(reach conversion from start), with the `removed` states sending everyone to null."""
    transient = sorted({s for pair in counts for s in pair} - {CONVERSION, NULL}, key=str)
    index = {s: i for i, s in enumerate(transient)}
    k = len(transient)
    q = np.zeros((k, k))
    to_conversion = np.zeros(k)
    outgoing = Counter[object]()
    for (src, _dst), n in counts.items():
        outgoing[src] += n
    for (src, dst), n in counts.items():
        if src in removed:
            continue  # a removed state absorbs into null
        share = n / outgoing[src]
        if dst == CONVERSION:
            to_conversion[index[src]] += share
        elif dst != NULL and dst not in removed:
            q[index[src], index[dst]] += share
    # Absorption probabilities: (I - Q) p = r.
    p = np.linalg.solve(np.eye(k) - q, to_conversion)
    return float(p[index[START]])


def effects_from_counts(counts: Counter[tuple[object, object]]) -> dict[State, float]:
    """Removal effect of every touch state in the transition counts."""
    states: list[State] = sorted(
        {s for pair in counts for s in pair if isinstance(s, tuple)}, key=lambda s: str(s)
    )
    if not counts:
        return {}
    base = conversion_probability(counts)
    if base <= 0:
        return dict.fromkeys(states, 0.0)
    return {s: 1 - conversion_probability(counts, frozenset({s})) / base for s in states}


def markov_credits(
    counts: Counter[tuple[object, object]], touched_value: float, untouched_value: float | None
) -> Credits:
    """`touched_value` (conversions with touches) split by removal effect over the states
    of `counts`; `untouched_value` (conversions without a touch; None: there are none)
    goes to NO_TOUCH.

    The audit counts the transitions per arm in SQL and calls this directly.
    """
    credits = Credits()
    if untouched_value is not None:
        credits.add(Touch(NO_TOUCH), untouched_value)
    effects = effects_from_counts(counts)
    weight = sum(effects.values())
    if weight <= 0:
        return credits
    for (channel, personalized), effect in effects.items():
        credits.add(Touch(channel, personalized), touched_value * effect / weight)
    return credits
