"""The engagement and attribution findings in every report language: stored as phrases
beside their English text, rendered in German and Swedish words and notation, and a
result saved before the phrases still shows its English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.i18n import Lang, Phrase, using
from personalroi.i18n.numbers import NBSP, localize_all
from personalroi.report.engagement_view import findings

runner = CliRunner()


@pytest.fixture(scope="module")
def sample(sample_result: dict[str, Any]) -> dict[str, Any]:
    return sample_result


def test_stored_text_is_its_phrase_in_english(sample: dict[str, Any]) -> None:
    eng = sample["engagement"]
    assert len(eng["finding_phrases"]) == len(eng["findings"]) > 10
    for phrase, text in zip(eng["finding_phrases"], eng["findings"], strict=True):
        assert Phrase(**phrase).text() == text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (Lang.de, ("konvertiert am besten", "Absprungrate in subtle", "pro Monat wert")),
        (Lang.sv, ("konverterar bäst", "avvisningsfrekvens i subtle", "per månad")),
    ],
)
def test_findings_in_the_report_language(
    sample: dict[str, Any], lang: Lang, words: tuple[str, ...]
) -> None:
    with using(lang):
        lines = findings(sample)
    text = "\n".join(lines)
    assert all(w in text for w in words)
    for english in ("converts best", "bounce rate", "visitors who clicked", "per month"):
        assert english not in text
    # The same numbers, in the language's notation; interval separators stay ', '.
    bounce = next(f for f in sample["engagement"]["findings"] if f.startswith("bounce rate"))
    interval = bounce[bounce.index("[") : bounce.index("]") + 1]  # '[-9.1%, -3.6%]'
    assert localize_all(interval, lang.value) in text


def test_localize_all_keeps_list_separators() -> None:
    assert localize_all("+1,234.5 [+1.0%, +2.0%]", "de") == "+1.234,5 [+1,0%, +2,0%]"
    assert localize_all("[13.9%, 18.7%]", "sv") == f"[13,9{NBSP}%, 18,7{NBSP}%]"
    assert localize_all("39%/12%", "en") == "39%/12%"


def test_result_saved_before_the_phrases_keeps_its_english(
    sample: dict[str, Any], tmp_path: Path
) -> None:
    old = json.loads(json.dumps(sample))
    del old["engagement"]["finding_phrases"]
    with using(Lang.de):
        assert findings(old) == sample["engagement"]["findings"]
    saved = tmp_path / "old.json"
    saved.write_text(json.dumps(old))
    done = runner.invoke(app, ["report", str(saved), "--format", "markdown", "--lang", "de"])
    assert done.exit_code == 0, done.output
    assert "converts best" in done.stdout


def test_german_report_from_saved_result(sample: dict[str, Any], tmp_path: Path) -> None:
    saved = tmp_path / "audit.json"
    saved.write_text(json.dumps(sample))
    done = runner.invoke(app, ["report", str(saved), "--format", "markdown", "--lang", "de"])
    assert done.exit_code == 0, done.output
    assert "Verwirrungsprüfung: kein Arm erhöht Verweildauer oder Seiten pro Sitzung" in done.stdout
    assert "converts best" not in done.stdout


def test_attribution_findings_in_german(sample: dict[str, Any]) -> None:
    """The attribution section's findings and its not-in-ROI note are phrases too."""
    from personalroi.report.attribution_view import findings as attribution_findings

    att = sample["attribution"]
    english = [*att["findings"], att["not_in_roi"]]
    assert [Phrase(**p).text() for p in att["finding_phrases"]] == att["findings"]
    assert attribution_findings(sample) == english
    with using(Lang.de):
        german = attribution_findings(sample)
    assert german[0].startswith("subtle: personalisierte Kontakte erhalten 9,0% bis 9,5% ")
    assert german[-1].startswith("Attribution verteilt den Wert")
    assert not any("personalized touches earn" in line for line in german)
