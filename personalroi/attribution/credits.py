"""What the attribution models hand out: credit per channel and to personalized touches.

A touch type is (channel, personalized); a conversion without a touch before it is
credited to NO_TOUCH, so every model's credits sum to the converted value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from personalroi.document.attribution import CreditsJson


NO_TOUCH = "(no touchpoint)"
MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based", "markov")


@dataclass(frozen=True)
class Touch:
    channel: str
    personalized: bool = False


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

    def as_dict(self) -> CreditsJson:
        return {
            "channels": dict(sorted(self.channels.items(), key=lambda kv: (-kv[1], kv[0]))),
            "personalized": dict(self.personalized),
        }
