"""A phrase: a catalogue key and its parameters, rendered in any language.

Templates are `str.format` strings whose fields name a parameter and, for numbers, how
to show it: `{roi:spct0}`. Parameters are text (arm and metric names, kept as they are),
numbers (shown in the language's notation), numbers the caller formatted the English way
to its own precision (`{lift:loc}`: '+3.4% [+1.0%, +5.8%]', put into the language's
notation), None (an optional part left out), another phrase, or a list of phrases
(`{items:join}`, `{items:semi}`). In a saved result a phrase is
`{"key": ..., "params": {...}}`, which renders exactly like the object.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from personalroi.i18n.numbers import grouped, localize, localize_all, percent

Param: TypeAlias = "str | int | float | None | Phrase | tuple[Phrase, ...]"
PhraseLike: TypeAlias = "Phrase | Mapping[str, Any]"


@dataclass(frozen=True)
class Phrase:
    key: str
    params: Mapping[str, Param] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, **params: Any) -> Phrase:
        return cls(key, params)

    def text(self) -> str:
        """The English text, as the result has always stored it."""
        from personalroi.i18n import CATALOGUES, Lang

        return render(self, CATALOGUES[Lang.en], "en")


def _number(value: float, kind: str, lang: str, params: Mapping[str, Any]) -> str:
    """How each numeric field kind reads; the English forms are the audit's historic ones."""
    if kind == "pct1":  # a signed lift: +3.4%
        return percent(value, lang)
    if kind == "pct0":  # a chance or a level: 66%
        return percent(value, lang, signed=False, places=0)
    if kind == "spct0":  # an ROI: +420%
        return percent(value, lang, places=0)
    if kind == "int":
        return grouped(value, lang)
    if kind == "money":  # the currency is the sibling parameter `currency`
        amount = grouped(abs(value), lang)
        sign = "-" if value < 0 else ""
        return render(Phrase.of("fmt.money", sign=sign, amount=amount,
                                currency=str(params.get("currency") or "")),
                      _catalogue(lang), lang)  # fmt: skip
    if kind == "pts1":  # an NPS difference: +3.2
        return localize(f"{value:+.1f}", lang)
    if kind == "sg4":  # an absolute difference in the metric's unit
        return localize(f"{value:+.4g}", lang)
    if kind == "g2":
        return localize(f"{value:.2g}", lang)
    if kind in ("f0", "f1", "f2"):
        return localize(f"{value:.{kind[1]}f}", lang)
    if kind == "g":  # a setting as the user wrote it: 20, 0.05
        return localize(f"{value:g}", lang)
    if kind == "num":  # as Python writes it: 12, 12.5
        return localize(str(value), lang)
    raise ValueError(f"unknown number kind {kind!r}")


def _catalogue(lang: str) -> Mapping[str, str]:
    from personalroi.i18n import CATALOGUES, Lang

    return CATALOGUES[Lang(lang)]


class _Formatter(string.Formatter):
    def __init__(self, catalogue: Mapping[str, str], lang: str, params: Mapping[str, Any]):
        self.catalogue, self.lang, self.params = catalogue, lang, params

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Phrase | Mapping):
            return render(value, self.catalogue, self.lang)
        if isinstance(value, Sequence) and not isinstance(value, str):
            sep = "; " if format_spec == "semi" else ", "
            return sep.join(render(v, self.catalogue, self.lang) for v in value)
        if value is None:
            return "–" if format_spec else ""
        if format_spec == "loc":  # a number the caller formatted the English way
            return localize_all(str(value), self.lang)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        return _number(value, format_spec or "num", self.lang, self.params)


def render(phrase: PhraseLike, catalogue: Mapping[str, str], lang: str) -> str:
    """The phrase in `catalogue`'s language. A key the catalogue lacks falls back to
    English; one English lacks too raises KeyError (a phrase from a newer personalroi:
    the caller shows the stored English text instead)."""
    key, params = _parts(phrase)
    template = catalogue.get(key)
    if template is None:
        from personalroi.i18n import CATALOGUES, Lang

        template = CATALOGUES[Lang.en][key]
    return _Formatter(catalogue, lang, params).vformat(template, (), _Defaults(params))


def _parts(phrase: PhraseLike) -> tuple[str, Mapping[str, Any]]:
    if isinstance(phrase, Phrase):
        return phrase.key, phrase.params
    return str(phrase.get("key") or ""), phrase.get("params") or {}


class _Defaults(dict[str, Any]):
    """Parameters by name; one a stored phrase lacks renders as nothing, not a KeyError."""

    def __missing__(self, key: str) -> None:
        return None


def placeholders(template: str) -> set[tuple[str, str]]:
    """The (name, kind) pairs a template uses: every language must use the same ones."""
    return {
        (name, spec or "")
        for _, name, spec, _ in string.Formatter().parse(template)
        if name is not None
    }
