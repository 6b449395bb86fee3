"""Customer journeys as plain values: the touches before a conversion (or before nothing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

NO_TOUCH = "(no touchpoint)"


@dataclass(frozen=True)
class Touch:
    channel: str
    personalized: bool = False
    days_before: float = 0.0  # time from this touch to the conversion (0 for non-converting)


@dataclass(frozen=True)
class Path:
    """Touches in time order; `value` is the conversion's value, 0 if it did not convert."""

    touches: tuple[Touch, ...]
    value: float = 0.0
    converted: bool = True


@dataclass
class Credits:
    """Value credited per channel and to personalized vs generic touches."""

    channels: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    personalized: dict[str, float] = field(default_factory=lambda: {"true": 0.0, "false": 0.0})

    def add(self, touch: Touch, value: float) -> None:
        self.channels[touch.channel] += value
        self.personalized["true" if touch.personalized else "false"] += value

    @property
    def total(self) -> float:
        return float(sum(self.channels.values()))

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            "channels": dict(sorted(self.channels.items(), key=lambda kv: (-kv[1], kv[0]))),
            "personalized": dict(self.personalized),
        }


def converting(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths if p.converted]
