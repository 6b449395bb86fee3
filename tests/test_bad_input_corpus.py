"""Bad-input corpus: hundreds of malformed inputs through the real `personalroi audit`.

Each family of damage (ragged rows, text in revenue, YAML syntax errors, ...) is a
hypothesis strategy that breaks a valid seeded experiment in a drawn place.
Every case must end in one of two ways:

- exit 2 with a one-paragraph message naming the file and the line/column or key;
- for degenerate statistics (zero variance, no conversions, an empty arm, a zero
  denominator): a normal result (exit 0/1) whose metric row carries the `code`.

Never a traceback, never exit 3 ("internal error"). The cases are derandomized so
CI sees the same corpus every run; PERSONALROI_CORPUS_EXAMPLES raises the count.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from corpus_csv import CSV_FAMILIES
from corpus_exports import EXPORT_FAMILIES
from corpus_inputs import Case
from corpus_yaml import YAML_FAMILIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from personalroi.cli import app

EXAMPLES = int(os.environ.get("PERSONALROI_CORPUS_EXAMPLES", "5"))
SEEN: set[str] = set()  # digests of every distinct case run, for the corpus-size test
FAMILIES_RUN: set[str] = set()


def run_case(family: str, case: Case) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = case.exp.write(Path(tmp))
        files = sorted(p.name for p in Path(tmp).iterdir())
        digest = hashlib.sha256(family.encode())
        for name in files:
            path = Path(tmp) / name
            body = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            digest.update(name.encode() + b"\0" + body)
        digest.update(repr((case.command, case.stdin)).encode())
        SEEN.add(digest.hexdigest())
        FAMILIES_RUN.add(family)
        args = ["audit", "-c", str(config), "--format", "json", "-q", "--no-history"]
        if case.command:
            args = [a.replace("{dir}", tmp) for a in case.command]
        res = CliRunner().invoke(app, args, input=case.stdin)
    stderr = res.stderr
    context = f"{family}: exit {res.exit_code}\nstderr: {stderr}\nstdout: {res.stdout[:500]}"
    assert "Traceback" not in res.output + stderr, context
    assert res.exception is None or isinstance(res.exception, SystemExit), (
        context + f"\n{res.exception!r}"
    )
    assert "internal error" not in stderr, context
    if case.expect == "error":
        assert res.exit_code == 2, context
        assert stderr.startswith("personalroi: error: "), context
        assert re.search(case.where, stderr), f"expected /{case.where}/ in\n{context}"
        assert res.stdout == "", context  # no partial result on stdout
        return
    assert res.exit_code in (0, 1), context
    out = json.loads(res.stdout)
    top = {(m["metric"], m["arm"]): m for m in out["metrics"] if m["dimension"] is None}
    for metric, code in case.codes.items():
        row = top[(metric, "subtle")]
        assert row["code"] == code, f"{metric}: {row}\n{context}"
        assert row["status"] == "insufficient data" and row["explanation"], row
    for row in top.values():
        if row["code"] == "ok":
            assert row["p_value"] is not None and 0 <= row["p_value"] <= 1, row
    if case.check is not None:
        case.check(out)


FAMILIES = {**CSV_FAMILIES, **YAML_FAMILIES, **EXPORT_FAMILIES}


@pytest.mark.parametrize("family", list(FAMILIES))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_bad_input_is_answered_cleanly(family: str, data: st.DataObject) -> None:
    run_case(family, data.draw(FAMILIES[family], label=family))


def test_corpus_has_at_least_300_distinct_cases() -> None:
    """Runs last in this file; meaningful only when every family above ran."""
    if set(FAMILIES) != FAMILIES_RUN:
        pytest.skip("only part of the corpus ran (-k or a failure)")
    print(f"bad-input corpus: {len(SEEN)} distinct cases in {len(FAMILIES)} families")
    assert len(SEEN) >= 300, f"{len(SEEN)} distinct cases"
