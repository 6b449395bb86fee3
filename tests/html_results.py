"""Results for the HTML report tests, and a small parser to read the page back.

The saved fixture may predate the verdict (SPEC 7.1); `with_verdict` gives a copy
the keys an audit writes now, with the status a test needs.
"""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
STATUSES = ("pays", "promising", "inconclusive", "does_not_pay", "harmful", "no_money")
HEADLINE = "Extreme pays off: ROI +67% (95% CI +12% to +125%), 99% chance it pays."
SUMMARY = {
    "tested": "Two personalized homepages against the generic one, on 20,000 visitors.",
    "worth": "Extreme would add about EUR 108,000 net over 12 months.",
    "harmed": None,
    "next_step": "Roll out extreme; keep testing new ideas against it.",
    "data_needed": None,
}


def fixture() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(FIXTURE.read_text())
    return result


def with_verdict(
    result: dict[str, Any], status: str = "pays", headline: str = HEADLINE
) -> dict[str, Any]:
    """A copy with a verdict of `status` and a summary (two sentences null, as allowed)."""
    out = copy.deepcopy(result)
    out["verdict"] = {
        "status": status,
        "headline": headline,
        "reasons": [
            {"kind": "roi", "text": "P(ROI > 0) for extreme is 99%.", "metric": None,
             "arm": "extreme", "dimension": None, "level": None},
            {"kind": "guardrail", "text": "page_load_errors in extreme rose 13%.",
             "metric": "page_load_errors", "arm": "extreme", "dimension": None, "level": None},
        ],
    }  # fmt: skip
    out["summary"] = dict(SUMMARY)
    return out


class _Reader(HTMLParser):
    """Collects tables (per section id) as rows of cell text, and each element's classes."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[list[str]]]] = {}
        self.classes: dict[str, list[str]] = {}  # element id or text-bearing class -> classes
        self.texts: dict[str, str] = {}  # class name -> text of the first element with it
        self._section = ""
        self._cell: list[str] | None = None
        self._open: list[tuple[str, str]] = []  # (tag, first class) of open elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        classes = attr.get("class", "").split()
        if tag == "section":
            self._section = attr.get("id", "")
            self.classes[self._section] = classes
        if tag == "table":
            self.tables.setdefault(self._section, []).append([])
        elif tag == "tr":
            self.tables[self._section][-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        if tag not in ("br", "meta", "img"):
            self._open.append((tag, classes[0] if classes else ""))
            for name in classes:
                self.classes.setdefault(name, classes)
                self.texts.setdefault(name, "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._section][-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        for _tag, name in self._open:
            if name in self.texts:
                self.texts[name] += data


def read(page: str) -> _Reader:
    reader = _Reader()
    reader.feed(page)
    return reader
