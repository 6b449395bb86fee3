"""The data-quality checks in every report language (SPEC 7.5 `--lang`).

Each check keeps `name`, `status` and its English `detail` word for word as the audit
has always written it (below: the details of the bundled sample, of messy exports and of
aggregated input, as written before the checks had phrases); the phrase stored beside it
says the same in English and renders in German and Swedish words and notation, in the
table, markdown and HTML reports and from a saved result. A result saved before the
phrases shows its English details.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from test_by_hand_checks import messy_config, messy_exports
from test_by_hand_sections import audit
from test_scale_sql import EXAMPLE, _aggregated_config, _audit
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.data.duplicates import kept_phrase, phrase_of_note, policy_phrase
from personalroi.i18n import CATALOGUES, Lang, Phrase, say, using
from personalroi.i18n.numbers import NBSP
from personalroi.i18n.phrase import placeholders
from personalroi.report.clv_export import render_clv_markdown
from personalroi.report.formats import Format, render

runner = CliRunner()
OTHER = (Lang.de, Lang.sv)
SAID_ALIKE = {"dq.in_columns", "dq.policy.error"}  # a column list, a config setting
WINDOW = "2026-07-01..2026-08-31"

SAMPLE = [
    ("duplicate_ids", "pass", "0 repeated unit rows; units.duplicates: first (the earliest row "
     "by first_exposure, then file order)"),
    ("units_in_multiple_arms", "pass", "0 units seen in more than one arm (excluded)"),
    ("missing_arm", "pass", "0 unit rows without id or arm (excluded)"),
    ("units_outside_window", "pass", f"0 unit rows outside {WINDOW} (dropped)"),
    ("join_coverage_orders", "pass", "1766 of 1766 rows (100.0%) match a unit; 1089 of 20000 "
     "units have rows"),
    ("orders_outside_window", "warn", f"53 rows outside {WINDOW} (dropped)"),
    ("join_coverage_sessions", "pass", "40737 of 40737 rows (100.0%) match a unit; 19047 of "
     "20000 units have rows"),
    ("sessions_outside_window", "warn", f"3504 rows outside {WINDOW} (dropped)"),
    ("join_coverage_survey", "pass", "2467 of 2467 rows (100.0%) match a unit; 2467 of 20000 "
     "units have rows"),
    ("join_coverage_touchpoints", "pass", "46613 of 46613 rows (100.0%) match a unit; 19826 of "
     "20000 units have rows"),
    ("touchpoints_outside_window", "warn", f"3085 rows outside {WINDOW} (dropped)"),
    ("negative_values", "pass", "no negative values in value columns"),
    ("heavy_tail", "pass", "no mean or ratio metric's lift moves by half its CI when the top "
     "0.1 % of units are capped"),
]  # fmt: skip


def _messy(duplicates: str) -> list[tuple[str, str, str]]:
    which, kept = ("earliest", "first") if duplicates == "first" else ("latest", "last")
    filtered = (
        "" if kept == "first" else "0 of 3,008 rows excluded by units.where: \"channel\" <> 'fax'"
    )
    tail = (
        "{m}: the largest value is 250,000 (the next 423.71); capping the top 0.1 % of units "
        "at 278.242 moves the lift by more than half its confidence interval (treatment: "
        "-94.6% -> {capped}). A few units decide this metric: set winsorize: 0.999 on {m} to "
        "cap them in the analysis"
    )
    return [
        ("duplicate_ids", "warn", "1 repeated unit rows of 1 units dropped, one whole row kept "
         f"per unit; units.duplicates: {kept} (the {which} row by seen, then file order). 1 of "
         "the 1 units' rows disagree in a metric or dimension column (pre)"),
        ("units_in_multiple_arms", "fail", "2 units seen in more than one arm (excluded)"),
        ("missing_arm", "warn", "2 unit rows without id or arm (excluded)"),
        ("unanalysed_arms", "warn", "arms in the data but not in the config: holdout"),
        ("units_outside_window", "warn", "1 unit rows outside 2026-07-01..2026-07-31 (dropped)"),
        ("join_coverage_countries", "pass", "3002 of 3002 rows (100.0%) match a unit; 3000 of "
         "3004 units have rows"),
        ("join_coverage_orders", "pass", "1001 of 1002 rows (99.9%) match a unit; 1000 of 3004 "
         "units have rows"),
        ("orders_outside_window", "warn", "1 rows outside 2026-07-01..2026-07-31 (dropped)"),
        ("negative_orders_amount", "warn", "1 rows with negative orders.amount (refunds? kept "
         "as they are)"),
        ("negative_units_pre", "warn", "1 rows with negative units.pre (refunds? kept as they "
         "are)"),
        ("dimension_rows_countries", "warn", "2 unit(s) with more than one row in countries, the "
         f"{which} in file order kept (units.duplicates); 1 of them disagree in country"),
        *([("rows_excluded_units", "pass", filtered)] if filtered else []),
        ("rows_excluded_orders", "warn", "1 of 1,004 rows excluded by sources.orders.where: "
         "\"status\" = 'paid'"),
        ("heavy_tail", "warn", tail.format(m="aov", capped="-10.6%")),
        ("heavy_tail", "warn", tail.format(m="spend", capped="-10.8%")),
    ]  # fmt: skip


AGGREGATED = [
    ("aggregated_input", "pass", "per-arm statistics read from {path}; unit-level checks "
     "(duplicates, window, join coverage) belong where they were computed: save the checks "
     "query of `personalroi sql` and give it as units.aggregated.checks to see them"),
    ("unit_level_tests", "warn", "pages_per_visitor, revenue_per_visitor: Mann-Whitney/bootstrap "
     "need unit values; Welch t-test used on aggregated input"),
    ("winsorized_upstream", "pass", "revenue_per_visitor: winsorization is taken as applied by "
     "the aggregation query (`personalroi sql` does); it cannot be applied to sums"),
]  # fmt: skip


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Both duplicates policies on exports with every kind of problem (test_by_hand_checks)."""
    folder = tmp_path_factory.mktemp("messy")
    messy_exports(folder)
    return {
        policy: audit(messy_config(policy, policy == "last"), folder, policy)
        for policy in ("first", "last")
    }


@pytest.fixture(scope="module")
def aggregated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """Aggregated input without the checks' table, two metrics asking for unit-level tests."""
    folder = tmp_path_factory.mktemp("aggregated")
    args = ["sql", "-c", str(EXAMPLE), "--dialect", "duckdb", "--section", "stats"]
    printed = runner.invoke(app, args)
    assert printed.exit_code == 0, printed.output
    stats = folder / "arm_stats.csv"
    duckdb.connect().execute(f"COPY ({printed.stdout.strip().rstrip(';')}) TO '{stats}' (HEADER)")
    config = _aggregated_config(
        stats,
        pages_per_visitor={"test": "mann-whitney"},
        revenue_per_visitor={"test": "bootstrap"},
    )
    return _audit(config, folder, "aggregated"), stats


def _checks(result: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = result["data_quality"]["checks"]
    return checks


def _said(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(c["name"], c["status"], c["detail"]) for c in _checks(result)]


def _every_check(
    sample: dict[str, Any],
    messy: dict[str, dict[str, Any]],
    aggregated: tuple[dict[str, Any], Path],
) -> list[dict[str, Any]]:
    return [c for r in (sample, *messy.values(), aggregated[0]) for c in _checks(r)]


def _keys(phrase: Any) -> Iterator[str]:
    """The phrase's key and those of the phrases inside it."""
    if isinstance(phrase, dict) and set(phrase) == {"key", "params"}:
        yield phrase["key"]
        for value in phrase["params"].values():
            yield from _keys(value)
    elif isinstance(phrase, list):
        for item in phrase:
            yield from _keys(item)


# The English details: what the result has always said


def test_sample_checks_say_what_they_always_said(sample_result: dict[str, Any]) -> None:
    assert _said(sample_result) == SAMPLE


@pytest.mark.parametrize("policy", ["first", "last"])
def test_messy_checks_say_what_they_always_said(
    messy: dict[str, dict[str, Any]], policy: str
) -> None:
    assert _said(messy[policy]) == _messy(policy)
    failed = (
        "data check units_in_multiple_arms failed: 2 units seen in more than one arm (excluded)"
    )
    assert [r["text"] for r in messy[policy]["verdict"]["reasons"]][:1] == [failed]


def test_aggregated_notes_say_what_they_always_said(
    aggregated: tuple[dict[str, Any], Path],
) -> None:
    result, stats = aggregated
    expected = [(n, s, d.replace("{path}", str(stats))) for n, s, d in AGGREGATED]
    assert _said(result) == expected


def test_each_stored_phrase_says_its_detail_in_english(
    sample_result: dict[str, Any],
    messy: dict[str, dict[str, Any]],
    aggregated: tuple[dict[str, Any], Path],
) -> None:
    checks = _every_check(sample_result, messy, aggregated)
    assert len(checks) > 40
    for check in checks:
        assert Phrase(**check["phrase"]).text() == check["detail"], check["name"]


@pytest.mark.parametrize(
    ("policy", "timestamp", "policy_text", "kept_text"),
    [
        ("first", "seen", "units.duplicates: first (the earliest row by seen, then file order)",
         "the earliest by seen"),
        ("last", "seen", "units.duplicates: last (the latest row by seen, then file order)",
         "the latest by seen"),
        ("first", None, "units.duplicates: first (the earliest row in file order)",
         "the earliest in file order"),
        ("last", None, "units.duplicates: last (the latest row in file order)",
         "the latest in file order"),
        ("error", "seen", "units.duplicates: error", "the earliest by seen"),
        ("error", None, "units.duplicates: error", "the earliest in file order"),
    ],
)  # fmt: skip
def test_the_policy_notes_say_what_they_always_said_and_read_back(
    policy: str, timestamp: str | None, policy_text: str, kept_text: str
) -> None:
    """The checks' table keeps the policy's English note; the reader finds its phrase."""
    for said, text in ((policy_phrase, policy_text), (kept_phrase, kept_text)):
        phrase = said(policy, timestamp)
        assert phrase.text() == text
        assert phrase_of_note(said, policy, text) == phrase


def test_a_note_no_phrase_says_is_kept_as_it_is() -> None:
    odd = "first (a), then file order"  # a timestamp column named like the wording
    phrase = policy_phrase("first", odd)
    assert phrase_of_note(policy_phrase, "first", phrase.text()) == phrase
    assert phrase_of_note(policy_phrase, "first", "units.duplicates: newest") == (
        "units.duplicates: newest"
    )
    assert phrase_of_note(kept_phrase, "last", None) is None


# The catalogue


def test_every_check_phrase_is_in_every_language_with_the_same_fields(
    sample_result: dict[str, Any],
    messy: dict[str, dict[str, Any]],
    aggregated: tuple[dict[str, Any], Path],
) -> None:
    used = {
        key for c in _every_check(sample_result, messy, aggregated) for key in _keys(c["phrase"])
    }
    used |= {
        said(policy, timestamp).key
        for said in (policy_phrase, kept_phrase)
        for policy in ("first", "last", "error")
        for timestamp in ("seen", None)
    }
    english = CATALOGUES[Lang.en]
    # Every check phrase the audit says, and nothing else, is in the checks' catalogue.
    assert used == {key for key in english if key.startswith("dq.")}
    for lang in OTHER:
        for key in used:
            assert placeholders(CATALOGUES[lang][key]) == placeholders(english[key]), (lang, key)
            if key not in SAID_ALIKE:
                assert CATALOGUES[lang][key] != english[key], (lang, key)


def test_every_check_renders_in_german_and_swedish(
    sample_result: dict[str, Any],
    messy: dict[str, dict[str, Any]],
    aggregated: tuple[dict[str, Any], Path],
) -> None:
    for lang in OTHER:
        with using(lang):
            for check in _every_check(sample_result, messy, aggregated):
                said = say(check["phrase"], "FALLBACK")
                assert said not in ("FALLBACK", check["detail"]), (lang, check["name"])
                for english in (" rows", " units ", "(dropped)", "(excluded)", "the largest"):
                    assert english not in said, (lang, said)


def test_german_and_swedish_details_read_naturally(messy: dict[str, dict[str, Any]]) -> None:
    checks: dict[str, Any] = {}
    for c in _checks(messy["first"]):
        checks.setdefault(c["name"], c["phrase"])  # heavy_tail: the first, aov
    with using(Lang.de):
        assert say(checks["duplicate_ids"]) == (
            "1 mehrfache Zeilen von 1 Einheiten verworfen, je Einheit bleibt eine ganze Zeile; "
            "units.duplicates: first (die früheste Zeile nach seen, danach nach "
            "Dateireihenfolge). Bei 1 der 1 Einheiten widersprechen sich die Zeilen in einer "
            "Metrik- oder Dimensionsspalte (pre)"
        )
        assert say(checks["join_coverage_orders"]) == (
            "1001 von 1002 Zeilen (99,9%) gehören zu einer Einheit; 1000 von 3004 Einheiten "
            "haben Zeilen"
        )
        assert say(checks["heavy_tail"]) == (
            "aov: der größte Wert ist 250.000 (der zweitgrößte 423,71); kappt man die obersten "
            "0,1 % der Einheiten bei 278,242, verschiebt sich der Lift um mehr als sein halbes "
            "Konfidenzintervall (treatment: -94,6% → -10,6%). Wenige Einheiten entscheiden über "
            "diese Metrik: winsorize: 0.999 für aov setzen, um sie in der Analyse zu kappen"
        )  # the value to paste into the YAML keeps its point
    with using(Lang.sv):
        assert say(checks["rows_excluded_orders"]) == (
            f"1 av 1{NBSP}004 rader uteslutna av sources.orders.where: \"status\" = 'paid'"
        )
        assert say(checks["dimension_rows_countries"]) == (
            "2 enhet(er) med mer än en rad i countries, den första i filordningen behålls "
            "(units.duplicates); 1 av dem skiljer sig åt i country"
        )


# The reports


def _outputs(args: list[str]) -> dict[str, str]:
    found = {}
    for fmt in ("table", "markdown", "html"):
        done = runner.invoke(app, [*args, "-f", fmt, "--lang", "de"])
        assert done.exit_code == 0, done.output
        found[fmt] = done.stdout
    return found


GERMAN = f"53 Zeilen außerhalb von {WINDOW} (verworfen)"
ENGLISH = f"53 rows outside {WINDOW} (dropped)"


def test_audit_in_german_shows_german_check_details() -> None:
    for fmt, page in _outputs(["audit", "-q", "--no-history"]).items():
        assert GERMAN in page, fmt
        assert ENGLISH not in page, fmt


def test_saved_result_in_german_shows_german_check_details(
    sample_result: dict[str, Any], tmp_path: Path
) -> None:
    saved = tmp_path / "audit.json"
    saved.write_text(json.dumps(sample_result))
    for fmt, page in _outputs(["report", str(saved)]).items():
        assert GERMAN in page, fmt
        assert ENGLISH not in page, fmt


def test_a_failed_check_is_a_german_reason_too(
    messy: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    saved = tmp_path / "messy.json"
    saved.write_text(json.dumps(messy["first"]))
    page = _outputs(["report", str(saved)])["markdown"]
    assert (
        "Datenprüfung units\\_in\\_multiple\\_arms fehlgeschlagen: 2 Einheiten in mehr als einer "
        "Variante gesehen (ausgeschlossen)"
    ) in page


def test_a_result_saved_before_the_check_phrases_shows_its_english_details(
    sample_result: dict[str, Any],
) -> None:
    old = copy.deepcopy(sample_result)
    for check in _checks(old):
        del check["phrase"]
    for fmt in (Format.markdown, Format.html):
        page = str(render(old, fmt, lang=Lang.de))
        assert ENGLISH in page and "Datenqualität" in page, fmt


# The CLV models' own checks: each arm's fits and the holdout (`personalroi clv`)


@pytest.mark.parametrize(
    ("phrase", "english"),
    [
        (Phrase.of("clv_check.few_repeaters", repeaters=4, needed=10),
         "4 repeat buyers (fewer than 10): too few to fit the repeat-purchase model"),
        (Phrase.of("clv_check.bgnbd_rough"),
         "the BG/NBD fit hit a bound or did not converge; treat the forecast as rough"),
        (Phrase.of("clv_check.gamma_gamma_rough"),
         "the Gamma-Gamma fit hit a bound or did not converge; treat the forecast as rough"),
        (Phrase.of("clv_check.gamma_gamma_q"),
         "Gamma-Gamma q <= 1 (spend has no finite mean); observed means used instead"),
    ],
)  # fmt: skip
def test_clv_fit_problems_say_what_they_always_said(phrase: Phrase, english: str) -> None:
    assert phrase.text() == english
    for lang in OTHER:
        with using(lang):
            assert say(phrase) != english


def test_the_holdout_warning_says_what_it_always_said() -> None:
    import datetime as dt

    from personalroi.clv.run import ClvResult, Holdout

    end = dt.date(2026, 8, 10)
    misses, fits = Holdout(end, 41.25, 1200.0), Holdout(end, 100.0, 101.0)
    result = ClvResult("week", 12, end, "a", {}, {}, {}, {}, {"b": misses, "c": fits})
    [warning] = result.warnings
    assert warning.text() == (
        "arm b: the model fits badly: it predicts 41.2 repeat purchase days after 2026-08-10 "
        "where 1200 happened"
    )
    with using(Lang.de):
        assert say(warning) == (
            "Variante b: das Modell passt schlecht: es sagt nach 2026-08-10 41,2 Tage mit "
            "Wiederkäufen voraus, eingetreten sind 1200"
        )


@pytest.fixture(scope="module")
def few_repeaters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with most repeat orders removed: every arm's own fit has too few."""
    folder = tmp_path_factory.mktemp("few")
    shutil.copytree(EXAMPLE.parent.parent / "sample_data", folder / "sample_data")
    (folder / "configs").mkdir()
    shutil.copy(EXAMPLE, folder / "configs" / "example.yaml")
    orders = folder / "sample_data" / "orders.csv"
    head, *rows = orders.read_text().splitlines()
    seen: set[str] = set()
    kept = []
    for row in rows:
        visitor = row.split(",")[1]
        if visitor not in seen or int(visitor) % 40 == 0:
            kept.append(row)
        seen.add(visitor)
    orders.write_text("\n".join([head, *kept]) + "\n")
    return folder / "configs" / "example.yaml"


def test_clv_warnings_in_the_report_language(few_repeaters: Path) -> None:
    args = ["clv", "-c", str(few_repeaters), "-q"]
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert (
        "arm extreme: 3 repeat buyers (fewer than 10): too few to fit the repeat-purchase model"
        in (doc["warnings"])
    )
    assert [Phrase(**p).text() for p in doc["warning_phrases"]] == doc["warnings"]
    for fmt in ("table", "markdown"):
        page = runner.invoke(app, [*args, "-f", fmt, "--lang", "de"]).stdout
        assert "Variante extreme: 3 Wiederkäufer (weniger als 10): zu wenige" in page, fmt
        assert "repeat buyers" not in page, fmt
    old = copy.deepcopy(doc)  # a document written before the phrases keeps its English
    del old["warning_phrases"]
    with using(Lang.de):
        assert "- ⚠️ arm extreme: 3 repeat buyers (fewer than 10)" in render_clv_markdown(old)
