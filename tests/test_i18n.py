"""Reports in English, German and Swedish (SPEC 7.5 `--lang`).

The catalogues agree key for key and field for field; German and Swedish reports of
the bundled sample carry none of the English headings and labels; a saved result
re-renders in another language from the phrases it keeps; JSON and CSV stay English.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rich.console import Group
from rich.table import Table
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.i18n import CATALOGUES, PARTS, Lang, Phrase, from_locale, say, using
from personalroi.i18n.numbers import NBSP, localize
from personalroi.i18n.phrase import placeholders
from personalroi.report.formats import Format, render
from personalroi.report.table import render_table

runner = CliRunner()
OTHER = (Lang.de, Lang.sv)


@pytest.fixture(scope="module")
def sample(sample_result: dict[str, Any]) -> dict[str, Any]:
    return sample_result


# (a) the catalogues


@pytest.mark.parametrize("lang", OTHER)
def test_every_key_in_every_language_with_the_same_fields(lang: Lang) -> None:
    english, other = CATALOGUES[Lang.en], CATALOGUES[lang]
    assert sorted(other) == sorted(english)
    differ = {
        key: (placeholders(english[key]), placeholders(other[key]))
        for key in english
        if placeholders(english[key]) != placeholders(other[key])
    }
    assert differ == {}


@pytest.mark.parametrize("lang", list(Lang))
def test_each_key_in_one_part_of_the_catalogue(lang: Lang) -> None:
    parts = PARTS[lang]
    assert sum(len(p.MESSAGES) for p in parts) == len(CATALOGUES[lang])


@pytest.mark.parametrize("lang", OTHER)
def test_each_part_has_the_same_keys_in_every_language(lang: Lang) -> None:
    """Area by area (sentences, labels, sections, checklist, findings, engagement,
    attribution, programme, data-quality checks): a key is where English has it."""
    english, other = PARTS[Lang.en], PARTS[lang]
    assert [p.__name__.rsplit(".", 1)[0] for p in other] == [
        p.__name__.rsplit(".", 1)[0] for p in english
    ]
    for en_part, part in zip(english, other, strict=True):
        assert sorted(part.MESSAGES) == sorted(en_part.MESSAGES), part.__name__


def test_every_phrase_the_sample_stores_renders_in_every_language(
    sample: dict[str, Any],
) -> None:
    phrases = list(_phrases(sample))
    keys = {p["key"] for p in phrases}
    assert {"verdict.headline", "summary.worth", "summary.tested_many", "driver.more_units"} <= keys
    for lang in Lang:
        with using(lang):
            for phrase in phrases:
                assert say(phrase, "FALLBACK") != "FALLBACK", phrase["key"]


def test_stored_english_text_is_its_phrase_in_english(sample: dict[str, Any]) -> None:
    """The text fields are the phrases rendered in English: one source, no drift."""
    verdict, summary = sample["verdict"], sample["summary"]
    assert Phrase(**verdict["headline_phrase"]).text() == verdict["headline"]
    for reason in verdict["reasons"]:
        assert Phrase(**reason["phrase"]).text() == reason["text"]
    for name, phrase in summary["phrases"].items():
        assert Phrase(**phrase).text() == summary[name]
    for entry in sample["roi"]:
        assert Phrase(**entry["uncertainty_driver_phrase"]).text() == entry["uncertainty_driver"]
    for p in sample["priorities"]:
        assert Phrase(**p["recommendation_phrase"]).text() == p["recommendation"]
    goals = [g for g in sample["gaps"] if g["area"] == "goal"]
    assert goals
    for gap in goals:
        assert Phrase(**gap["finding_phrase"]).text() == gap["finding"]
        assert Phrase(**gap["recommendation_phrase"]).text() == gap["recommendation"]


def _phrases(value: Any) -> Iterator[dict[str, Any]]:
    """Every top-level phrase (a dict with key and params) anywhere in the result."""
    if isinstance(value, dict):
        if set(value) == {"key", "params"}:
            yield value
            return
        for v in value.values():
            yield from _phrases(v)
    elif isinstance(value, list):
        for v in value:
            yield from _phrases(v)


# (b) no English in German and Swedish headings and labels


def _terminal_labels(result: dict[str, Any], lang: Lang) -> set[str]:
    """Table titles, column headings and captions' first words of the terminal report."""
    with using(lang):
        tree = render_table(result)
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Group):
            for child in node.renderables:
                walk(child)
        elif isinstance(node, Table):
            if node.title:
                found.add(str(node.title))
            found.update(str(c.header) for c in node.columns if str(c.header))
            for column in node.columns:
                for cell in column.cells:
                    walk(cell)

    walk(tree)
    return found


def _markdown_labels(text: str) -> set[str]:
    """Headings, bold labels, folded summaries and table header cells."""
    lines = text.splitlines()
    found = {m.group(1) for line in lines if (m := re.match(r"#+ (.*)", line))}
    found |= set(re.findall(r"\*\*([^*]+):\*\*", text))
    found |= set(re.findall(r"<summary>(.*?)</summary>", text))
    for line, below in zip(lines, lines[1:], strict=False):
        if line.startswith("|") and below.startswith("|-"):
            found |= {c.strip() for c in line.strip("|").split("|")}
    return found


class _Labels(HTMLParser):
    TAGS = ("h1", "h2", "h3", "th", "dt", "summary", "span")

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        keep = tag in self.TAGS and (tag != "span" or "badge" in classes or "tag" in classes)
        self._open.append(tag if keep else "")

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] and data.strip():
            self.found.add(data.strip())


def _html_labels(page: str) -> set[str]:
    reader = _Labels()
    reader.feed(page)
    return reader.found


def _labels(result: dict[str, Any], lang: Lang) -> dict[str, set[str]]:
    html = render(result, Format.html, lang=lang)
    markdown = render(result, Format.markdown, lang=lang)
    assert isinstance(html, str) and isinstance(markdown, str)
    return {
        "terminal": _terminal_labels(result, lang),
        "markdown": _markdown_labels(markdown),
        "html": _html_labels(html),
    }


def _names(result: dict[str, Any]) -> set[str]:
    """What the data names (arms, metrics, periods, dates): the same in every language."""
    exp = result["experiment"]
    names = {exp["name"], exp["control"], *exp["treatments"]}
    names |= {r["metric"] for r in result["metrics"]}
    names |= {str(r["level"]) for r in result["metrics"] if r.get("level")}
    return names


@pytest.mark.parametrize("lang", OTHER)
def test_no_english_heading_or_label_in_german_or_swedish(
    sample: dict[str, Any], lang: Lang
) -> None:
    english, other = _labels(sample, Lang.en), _labels(sample, lang)
    # Words the two languages share (ROI, CUPED, P(ROI>0), Segment) are not leaks.
    shared = {
        v
        for k, v in CATALOGUES[Lang.en].items()
        if CATALOGUES[lang][k] == v or CATALOGUES[lang][k].lower() == v.lower()
    }
    for fmt in english:
        assert len(english[fmt]) > 20, fmt  # the check reads real headings
        leaks = {
            label
            for label in english[fmt] & other[fmt]
            if label not in shared and label not in _names(sample) and re.search("[a-z]", label)
            and not re.fullmatch(r"[\d-]+|personalroi", label)
        }  # fmt: skip
        assert leaks == set(), (fmt, leaks)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (Lang.en, ["VERDICT", "What was tested", "Data quality", "Scorecard", "Gaps"]),
        (Lang.de, ["URTEIL", "Was getestet wurde", "Datenqualität", "Handlungsbedarf"]),
        (Lang.sv, ["UTLÅTANDE", "Vad som testades", "Datakvalitet", "Förbättringsområden"]),
    ],
)
def test_each_language_says_its_own_words(
    sample: dict[str, Any], lang: Lang, words: list[str]
) -> None:
    with using(lang):
        table = render_table(sample)
    text = "\n".join(
        [
            _plain(table),
            str(render(sample, Format.markdown, lang=lang)),
            str(render(sample, Format.html, lang=lang)),
        ]
    )
    missing = [w for w in words if w not in text]
    assert missing == []


def _plain(renderable: Any) -> str:
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    Console(file=out, width=200, no_color=True).print(renderable)
    return out.getvalue()


def test_german_verdict_and_summary_read_naturally(sample: dict[str, Any]) -> None:
    with using(Lang.de):
        headline = say(sample["verdict"]["headline_phrase"])
        tested = say(sample["summary"]["phrases"]["tested"])
    assert headline == (
        "extreme ist vielversprechend, aber nicht belegt: ROI +938% "
        "(95%-KI -1365% bis +3242%), mit 79% Wahrscheinlichkeit rentabel."
    )
    assert tested.startswith(
        "Personalisierte Varianten subtle, extreme gegen die generische Version "
        "(Kontrollgruppe generic), an 20.000 randomisierten Einheiten."
    )


def test_html_page_declares_its_language(sample: dict[str, Any]) -> None:
    assert "<html lang='sv'>" in str(render(sample, Format.html, lang=Lang.sv))
    assert "<html lang='en'>" in str(render(sample, Format.html))


# Numbers


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        (Lang.en, "+1,234.5%", "+1,234.5%"),
        (Lang.de, "+1,234.5%", "+1.234,5%"),
        (Lang.sv, "+1,234.5%", f"+1{NBSP}234,5{NBSP}%"),
        (Lang.de, "<0.001", "<0,001"),
        (Lang.sv, "126,000", f"126{NBSP}000"),
    ],
)
def test_numbers_in_each_languages_notation(lang: Lang, number: str, expected: str) -> None:
    assert localize(number, lang.value) == expected


def test_german_money_puts_the_currency_after_the_amount() -> None:
    phrase = Phrase.of("fmt.money", sign="-", amount="1.234", currency="EUR")
    with using(Lang.de):
        assert say(phrase) == "-1.234 EUR"
    assert phrase.text() == "-EUR 1.234"


# (c) a saved result re-rendered in another language; JSON and CSV stay English


def test_report_renders_a_saved_result_in_german(sample: dict[str, Any], tmp_path: Path) -> None:
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(sample))
    done = runner.invoke(app, ["report", "--lang", "de", str(saved), "-f", "markdown"])
    assert done.exit_code == 0, done.output
    assert "## personalroi-Audit: Homepage personalization Q3" in done.stdout
    assert "**➖ extreme ist vielversprechend, aber nicht belegt: ROI +938% (95%-KI" in done.stdout
    assert "### Kurz gesagt" in done.stdout
    assert "- **Nächster Schritt:** extreme weiterlaufen lassen" in done.stdout
    table = runner.invoke(app, ["report", "--lang", "de", str(saved)])
    assert table.exit_code == 0, table.output
    assert "URTEIL extreme ist vielversprechend" in table.stdout
    assert "conversion_rate in subtle: Ziel +5,0%, erreicht -2,4% (nicht signifikant)" in (
        table.stdout
    )
    assert "beste Wahl, aber noch nicht sicher" in table.stdout


def test_a_result_saved_before_phrases_keeps_its_english_sentences(
    sample: dict[str, Any],
) -> None:
    old = copy.deepcopy(sample)
    del old["verdict"]["headline_phrase"]
    for reason in old["verdict"]["reasons"]:
        del reason["phrase"]
    del old["summary"]["phrases"]
    page = str(render(old, Format.markdown, lang=Lang.sv))
    assert f"**➖ {sample['verdict']['headline']}**" in page  # the stored English headline
    assert "### I korthet" in page  # and Swedish headings around it


def test_json_and_csv_are_the_same_in_every_language(sample: dict[str, Any]) -> None:
    for fmt in (Format.json, Format.csv):
        english = render(sample, fmt)
        assert render(sample, fmt, lang=Lang.de) == english
        assert render(sample, fmt, lang=Lang.sv) == english


# The option and the locale


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, Lang.en),
        ({"LANG": "de_DE.UTF-8"}, Lang.de),
        ({"LANG": "sv_SE.UTF-8"}, Lang.sv),
        ({"LANG": "fr_FR.UTF-8"}, Lang.en),
        ({"LANG": "de_AT.UTF-8", "LC_MESSAGES": "sv_FI.UTF-8"}, Lang.sv),
        ({"LANG": "sv_SE.UTF-8", "LC_ALL": "C.UTF-8"}, Lang.en),
        ({"LC_ALL": "de_CH.UTF-8", "LANG": "en_US.UTF-8"}, Lang.de),
    ],
)
def test_language_from_the_locale(environ: dict[str, str], lang: Lang) -> None:
    assert from_locale(environ) is lang


def test_locale_sets_the_default_and_lang_overrides_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    swedish = runner.invoke(app, ["audit", "-q", "--no-history", "-f", "markdown"])
    assert swedish.exit_code == 0, swedish.output
    assert "### I korthet" in swedish.stdout
    english = runner.invoke(app, ["audit", "-q", "--no-history", "-f", "markdown", "--lang", "en"])
    assert "### In short" in english.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["audit"],
        ["report", "x.json"],
        ["history", "show", "1"],
        ["history", "portfolio"],
        ["clv"],
        ["attribute"],
    ],
)
def test_an_unknown_language_is_a_usage_error(command: list[str]) -> None:
    done = runner.invoke(app, [*command, "--lang", "fr"])
    assert done.exit_code == 2
    assert "Invalid value for '--lang'" in done.output
    assert "'fr' is not one of 'en', 'de', 'sv'" in done.output
    assert "Traceback" not in done.output


# Every command that renders a report


def test_history_show_and_portfolio_speak_the_language(tmp_path: Path) -> None:
    history = str(tmp_path / "h.sqlite")
    recorded = runner.invoke(app, ["audit", "-q", "-f", "json", "--history", history])
    assert recorded.exit_code == 0, recorded.output
    shown = runner.invoke(
        app, ["history", "show", "1", "--history", history, "-f", "markdown", "--lang", "sv"]
    )
    assert shown.exit_code == 0, shown.output
    assert "### I korthet" in shown.stdout
    programme = runner.invoke(
        app, ["history", "portfolio", "--history", history, "-f", "markdown", "--lang", "de"]
    )
    assert programme.exit_code == 0, programme.output
    assert "## personalroi-Programm: jüngstes Audit jedes Experiments" in programme.stdout
    assert "| Experiment | Audit | Variante | gewählt durch |" in programme.stdout
    as_json = runner.invoke(
        app, ["history", "portfolio", "--history", history, "-f", "json", "--lang", "de"]
    )
    assert '"experiments"' in as_json.stdout and "Programm" not in as_json.stdout


@pytest.mark.parametrize(
    ("command", "german", "swedish"),
    [
        (["clv"], "Customer Lifetime Value je Variante", "Kundlivstidsvärde per variant"),
        (["attribute"], "Konvertierter Wert je Kanal", "Konverterat värde per kanal"),
    ],
)
def test_clv_and_attribute_speak_the_language(
    command: list[str], german: str, swedish: str
) -> None:
    for lang, title in (("de", german), ("sv", swedish)):
        for fmt in ("table", "markdown"):
            done = runner.invoke(app, [*command, "-q", "-f", fmt, "--lang", lang])
            assert done.exit_code == 0, done.output
            assert title in done.stdout
    english = runner.invoke(app, [*command, "-q", "-f", "csv"]).stdout
    assert runner.invoke(app, [*command, "-q", "-f", "csv", "--lang", "de"]).stdout == english
