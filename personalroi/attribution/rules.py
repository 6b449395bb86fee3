"""Rule-based models: each splits a conversion's value over its path's touches by position.

A conversion with no touch before it is credited to NO_TOUCH, so every
model's credits sum to the total converted value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from personalroi.attribution.paths import NO_TOUCH, Credits, Path, Touch, converting

Weights = Callable[[tuple[Touch, ...]], list[float]]


def first_touch(touches: tuple[Touch, ...]) -> list[float]:
    return [1.0] + [0.0] * (len(touches) - 1)


def last_touch(touches: tuple[Touch, ...]) -> list[float]:
    return [0.0] * (len(touches) - 1) + [1.0]


def linear(touches: tuple[Touch, ...]) -> list[float]:
    return [1 / len(touches)] * len(touches)


def time_decay(half_life_days: float) -> Weights:
    """Weights halve with every `half_life_days` between the touch and the conversion."""

    def weights(touches: tuple[Touch, ...]) -> list[float]:
        raw = [math.pow(0.5, max(t.days_before, 0.0) / half_life_days) for t in touches]
        total = sum(raw)
        return [w / total for w in raw]

    return weights


def position_based(
    touches: tuple[Touch, ...], first: float = 0.4, last: float = 0.4
) -> list[float]:
    """40 % to the first touch, 40 % to the last, 20 % spread over the ones between.

    One touch takes everything; two touches split it in the ratio first:last.
    """
    n = len(touches)
    if n == 1:
        return [1.0]
    if n == 2:
        return [first / (first + last), last / (first + last)]
    middle = (1 - first - last) / (n - 2)
    return [first] + [middle] * (n - 2) + [last]


def attribute(paths: Iterable[Path], weights: Weights) -> Credits:
    credits = Credits()
    for path in converting(paths):
        if not path.touches:
            credits.add(Touch(NO_TOUCH), path.value)
            continue
        for touch, share in zip(path.touches, weights(path.touches), strict=True):
            credits.add(touch, share * path.value)
    return credits
