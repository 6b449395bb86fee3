"""Attribution findings in English: the text the audit has always written."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "att.finding": (
        "{arm}: personalized touches earn {share} of its converted value across the six "
        "models, vs {base} in control {control}: {verdict}"
    ),
    "att.share.one": "{share:loc}",
    "att.share.span": "{low:loc} to {high:loc}",
    "att.share.none": "nothing (no converted value)",
    "att.more": "more credit than in control under {n:int} of {of:int} rule models",
    "att.less": "less credit than in control under {n:int} of {of:int} rule models",
    "att.mixed": "more credit under some rule models and less under others",
    "att.same": "no significant difference from control under any rule model",
    "att.not_in_roi": (
        "Attribution splits the value an arm converted among the touches before each "
        "conversion; it creates no value and is observational, so ROI never adds it (the "
        "revenue lift against control already holds the causal effect)."
    ),
}
