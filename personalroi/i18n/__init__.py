"""Report languages: one message catalogue per language, and the phrases results keep.

The audit composes its sentences (verdict and reasons, summary, heterogeneity findings,
the ROI's uncertainty driver, goal gaps, priority advice) as `Phrase`s: a catalogue key
and typed parameters. The English text is rendered from the phrase once and kept in the
result as before; the phrase is kept beside it, so a saved result re-renders in any
language (`say`). Renderers look up their own headings and labels with `t()` and the
English words a result stores (statuses, severities) with `label()`.

The language is a setting of one rendering, like the terminal width: the entry point
(`report.formats.render`, `cli.common.emit_document`, `history portfolio`) sets it once
with `using(lang)`, and every renderer and number format below reads it from a context
variable instead of passing it through each function.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum

from personalroi.i18n import de, en, sv
from personalroi.i18n.attribution import de as attribution_de
from personalroi.i18n.attribution import en as attribution_en
from personalroi.i18n.attribution import sv as attribution_sv
from personalroi.i18n.checklist import de as checklist_de
from personalroi.i18n.checklist import en as checklist_en
from personalroi.i18n.checklist import sv as checklist_sv
from personalroi.i18n.engagement import de as engagement_de
from personalroi.i18n.engagement import en as engagement_en
from personalroi.i18n.engagement import sv as engagement_sv
from personalroi.i18n.findings import de as findings_de
from personalroi.i18n.findings import en as findings_en
from personalroi.i18n.findings import sv as findings_sv
from personalroi.i18n.labels import de as labels_de
from personalroi.i18n.labels import en as labels_en
from personalroi.i18n.labels import sv as labels_sv
from personalroi.i18n.phrase import Phrase, PhraseLike, render
from personalroi.i18n.programme import de as programme_de
from personalroi.i18n.programme import en as programme_en
from personalroi.i18n.programme import sv as programme_sv
from personalroi.i18n.quality import de as quality_de
from personalroi.i18n.quality import en as quality_en
from personalroi.i18n.quality import sv as quality_sv
from personalroi.i18n.sections import de as sections_de
from personalroi.i18n.sections import en as sections_en
from personalroi.i18n.sections import sv as sections_sv

__all__ = [
    "CATALOGUES",
    "Lang",
    "Phrase",
    "PhraseLike",
    "current",
    "from_locale",
    "label",
    "say",
    "say_all",
    "t",
    "using",
]


class Lang(str, Enum):
    en = "en"
    de = "de"
    sv = "sv"


PARTS = {  # the sentences, labels, sections, then one per area
    Lang.en: (
        en,
        labels_en,
        sections_en,
        checklist_en,
        findings_en,
        engagement_en,
        attribution_en,
        programme_en,
        quality_en,
    ),
    Lang.de: (
        de,
        labels_de,
        sections_de,
        checklist_de,
        findings_de,
        engagement_de,
        attribution_de,
        programme_de,
        quality_de,
    ),
    Lang.sv: (
        sv,
        labels_sv,
        sections_sv,
        checklist_sv,
        findings_sv,
        engagement_sv,
        attribution_sv,
        programme_sv,
        quality_sv,
    ),
}
# Each key lives in one part (tests/test_i18n.py checks): a merged catalogue loses none.
CATALOGUES: Mapping[Lang, Mapping[str, str]] = {
    lang: {key: text for part in parts for key, text in part.MESSAGES.items()}
    for lang, parts in PARTS.items()
}
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence

_current: ContextVar[Lang] = ContextVar("personalroi_lang", default=Lang.en)


def current() -> Lang:
    return _current.get()


@contextmanager
def using(lang: Lang) -> Iterator[None]:
    """Render everything inside in `lang`."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def from_locale(environ: Mapping[str, str] | None = None) -> Lang:
    """The first set locale variable decides (POSIX order): de_* -> de, sv_* -> sv, else en."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            code = value[:2].lower()
            return Lang(code) if code in Lang.__members__ else Lang.en
    return Lang.en


def t(key: str, **params: object) -> str:
    """A renderer's own heading or label in the current language."""
    return render(Phrase.of(key, **params), CATALOGUES[current()], current().value)


def say(phrase: PhraseLike | None, fallback: str = "") -> str:
    """A phrase the audit stored, in the current language; `fallback` (the stored English
    text) for results saved before phrases existed."""
    # A saved result is a file users can edit: a phrase that is not one reads as the text.
    if not phrase or not isinstance(phrase, Phrase | Mapping):
        return fallback
    try:
        return render(phrase, CATALOGUES[current()], current().value)
    except (KeyError, ValueError, TypeError, AttributeError):  # one this version cannot say
        return fallback


def say_all(phrases: Sequence[PhraseLike | None] | None, texts: Sequence[str]) -> list[str]:
    """`say` for a list the audit stored as English texts with their phrases beside them;
    a result saved before the phrases existed keeps its English."""
    if not phrases or len(phrases) != len(texts):
        return list(texts)
    return [say(phrase, text) for phrase, text in zip(phrases, texts, strict=True)]


def label(group: str, value: object) -> str:
    """A value the result keeps in English (a status, a severity, a check's outcome) in the
    current language; a value the catalogue does not know is shown as it is."""
    text = str(value)
    return CATALOGUES[current()].get(f"{group}.{text}", text)
