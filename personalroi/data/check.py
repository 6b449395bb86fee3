"""A data-quality check's outcome, as every check module and the audit result report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from personalroi.i18n.phrase import Phrase


@dataclass(frozen=True)
class Check:
    name: str
    status: Literal["pass", "warn", "fail"]
    detail: str
    # `detail` as a catalogue phrase, for reports in other languages (None: English only).
    phrase: Phrase | None = None

    @classmethod
    def said(cls, name: str, status: Literal["pass", "warn", "fail"], phrase: Phrase) -> Check:
        """A check whose detail is a phrase, with its English text."""
        return cls(name, status, phrase.text(), phrase)
