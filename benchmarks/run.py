"""Benchmark `personalroi audit` against its own query, a bare DuckDB GROUP BY and naive pandas,
and `personalroi attribute` against a DuckDB scan of the touchpoints (not in CI).

    python benchmarks/run.py                       # 10k, 1M and 10M units
    python benchmarks/run.py --sizes 10000,1000000 # quicker
    python benchmarks/run.py --events 100000000    # also 100 M session rows over 1 M units
    python benchmarks/run.py --data /scratch/bench # where the generated data goes

Generates each dataset once with `personalroi sample` into benchmarks/data/
(git-ignored; or --data), then times each contender in its own process under
`/usr/bin/time -v` (wall time and peak RSS, imports included), the contenders in
turn (--rounds rounds up to 1 M units, medians shown), and writes
benchmarks/RESULTS.md. The event-heavy dataset reuses the 1 M-unit sample and
replaces its sessions with --events rows that DuckDB writes straight to CSV, so
generating it streams in bounded memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent
PERSONALROI = str(BIN / "personalroi")

# The practical floor: the same files, reduced to per-unit sums and then per arm.
DUCKDB_FLOOR = """
import duckdb, sys
d = sys.argv[1]
print(duckdb.sql(f'''
WITH o AS (SELECT visitor_id, SUM(amount) AS revenue, COUNT(*) AS orders
           FROM '{d}/orders.csv' GROUP BY 1),
     s AS (SELECT visitor_id, MAX(bounced) AS bounced, SUM(pages) AS pages, SUM(errors) AS errors
           FROM '{d}/sessions.csv' GROUP BY 1),
     n AS (SELECT visitor_id, AVG(score) AS score FROM '{d}/nps.csv' GROUP BY 1),
     u AS (SELECT v.variant AS arm, COALESCE(revenue, 0) AS revenue, COALESCE(orders, 0) AS orders,
                  bounced, pages, errors, score
           FROM '{d}/visitors.csv' v LEFT JOIN o USING (visitor_id)
           LEFT JOIN s USING (visitor_id) LEFT JOIN n USING (visitor_id))
SELECT arm, COUNT(*) AS n, SUM(revenue), SUM(revenue * revenue), SUM(orders),
       SUM(orders * orders), SUM(revenue * orders), SUM(bounced), SUM(pages), SUM(pages * pages),
       SUM(errors), SUM(errors * errors), COUNT(score), SUM(score), SUM(score * score)
FROM u GROUP BY arm ORDER BY arm''').fetchall())
"""

# What no audit can go below: DuckDB parsing, once, every column the audit reads
# (the floor above leaves out the touchpoints file and most timestamps).
READ_FLOOR = """
import duckdb, sys
d = sys.argv[1]
read = {
    'visitors': 'visitor_id, variant, segment, channel, device, first_exposure, pre_revenue',
    'sessions': 'visitor_id, started_at, pages, time_on_site, bounced, errors, '
                'personalized_impressions, personalized_clicks, '
                'default_impressions, default_clicks',
    'orders': 'visitor_id, ordered_at, amount, category',
    'nps': 'visitor_id, score',
    'touchpoints': 'visitor_id, touched_at',
}
for name, columns in read.items():
    items = ', '.join(f'MAX({c})' for c in columns.split(', '))
    print(duckdb.sql(f"SELECT COUNT(*), {items} FROM '{d}/{name}.csv'").fetchall())
"""

# SQL `personalroi sql --dialect duckdb` prints for the config, run by bare DuckDB in a
# fresh process (imports included). Its `stats` statement is the audit's own query: what
# the metrics cost when nothing else runs, the floor the tuning measures the audit against.
OWN_QUERY = """
import duckdb, sys
print(duckdb.connect().execute(open(sys.argv[1]).read()).fetchall())
"""

# What `personalroi attribute` cannot go below: DuckDB parsing, once, the columns of the
# touchpoints file that it reads.
TOUCH_SCAN = """
import duckdb, sys
print(duckdb.sql(f'''SELECT COUNT(*), MAX(visitor_id), MAX(touched_at), MAX(channel),
  MAX(is_personalized) FROM '{sys.argv[1]}/touchpoints.csv' ''').fetchall())
"""

PANDAS_NAIVE = """
import pandas as pd, sys
d = sys.argv[1]
v = pd.read_csv(f'{d}/visitors.csv')
o = pd.read_csv(f'{d}/orders.csv').groupby('visitor_id').agg(
    revenue=('amount', 'sum'), orders=('amount', 'size'))
s = pd.read_csv(f'{d}/sessions.csv').groupby('visitor_id').agg(
    bounced=('bounced', 'max'), pages=('pages', 'sum'), errors=('errors', 'sum'))
n = pd.read_csv(f'{d}/nps.csv').groupby('visitor_id').agg(score=('score', 'mean'))
u = v.join(o, on='visitor_id').join(s, on='visitor_id').join(n, on='visitor_id')
u[['revenue', 'orders']] = u[['revenue', 'orders']].fillna(0)
for c in ['revenue', 'orders', 'pages', 'errors', 'score']:
    u[c + '_sq'] = u[c] ** 2
u['revenue_x_orders'] = u['revenue'] * u['orders']
numeric = u.drop(columns=['visitor_id']).select_dtypes('number')
print(numeric.groupby(u['variant']).agg(['count', 'sum']))
"""


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system: steadier than wall time on a shared machine
    peak_mb: float


@dataclass(frozen=True)
class Size:
    """Every contender on one dataset."""

    units: int
    events: int  # data rows of the event sources the floor reads
    generated: Run | None  # None: the data was already there
    audit: Run
    floor: Run
    read: Run
    pandas: Run | None  # None: not run (the event-heavy data would need tens of GB)
    own_query: Run | None = None  # `personalroi sql --dialect duckdb -s stats`, bare DuckDB
    own_sections: Run | None = None  # every section `personalroi sql` prints, bare DuckDB
    attribute: Run | None = None  # `personalroi attribute`
    touch_scan: Run | None = None  # DuckDB reading the touchpoints columns it reads
    rounds: int = 1  # runs of each contender, alternating; medians shown


# As after `pip install`, which compiles the package: Python caches bytecode (some
# sandboxes turn that off, which re-compiles personalroi at every start, 0.14 s).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], repeat: int = 1) -> Run:
    """Median wall time and the largest peak RSS of `cmd` over `repeat` runs."""
    return _summary([_once(cmd) for _ in range(repeat)])


def alternating(cmds: dict[str, list[str]], rounds: int) -> dict[str, Run]:
    """Each command once per round, in turn (A B C A B C ...), so a machine whose speed
    drifts during the call slows every contender alike; medians over the rounds."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            runs[name].append(_once(cmd))
    return {name: _summary(done) for name, done in runs.items()}


def _summary(runs: list[tuple[float, float, float]]) -> Run:
    times, cpus, peaks = zip(*runs, strict=True)
    return Run(statistics.median(times), statistics.median(cpus), max(peaks))


def _once(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one run of `cmd`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as log:
        proc = subprocess.run(
            ["/usr/bin/time", "-v", "-o", log.name, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        report = log.read()
    if proc.returncode not in (0, 1):  # audit exits 1 when a gate fails: still a full run
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    user = re.search(r"User time \(seconds\): ([\d.]+)", report)
    system = re.search(r"System time \(seconds\): ([\d.]+)", report)
    assert wall and rss and user and system, report
    hours, minutes, secs = wall.groups()
    seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    return seconds, float(user.group(1)) + float(system.group(1)), int(rss.group(1)) / 1024


def dataset(data: Path, units: int) -> tuple[Path, Run | None]:
    folder = data / f"{units}"
    if (folder / "personalroi.yaml").exists():
        return folder, None
    cmd = [PERSONALROI, "sample", "--out", str(folder), "--units", str(units), "-q"]
    return folder, measure(cmd)


# `events` sessions spread evenly over the base sample's `units` visitors (sorted by
# visitor, as the sample writes them), over 70 days from the experiment start.
EVENT_SESSIONS = """COPY (
  SELECT 1 + i * {units} // {events} AS visitor_id,
         TIMESTAMP '2026-07-01' + to_seconds(CAST(hash(i) % 6048000 AS BIGINT)) AS started_at,
         CAST(1 + hash(i, 1) % 8 AS INTEGER) AS pages,
         CAST(hash(i, 2) % 600 AS INTEGER) AS time_on_site,
         CAST(hash(i, 3) % 100 < 40 AS INTEGER) AS bounced,
         CAST(hash(i, 4) % 100 < 5 AS INTEGER) AS errors,
         CAST(hash(i, 5) % 4 AS INTEGER) AS personalized_impressions,
         CAST(hash(i, 5) % 4 > 0 AND hash(i, 6) % 100 < 4 AS INTEGER) AS personalized_clicks,
         CAST(hash(i, 7) % 4 AS INTEGER) AS default_impressions,
         CAST(hash(i, 7) % 4 > 0 AND hash(i, 8) % 100 < 3 AS INTEGER) AS default_clicks
  FROM range({events}) AS t(i)
) TO '{out}' (HEADER)"""
RUN_SQL = (
    "import duckdb, sys; "
    "duckdb.connect(config={'memory_limit': '1GB', 'preserve_insertion_order': True})"
    ".execute(sys.argv[1])"
)


def event_dataset(data: Path, events: int, units: int = 1_000_000) -> tuple[Path, Run | None]:
    """The `units` sample with `events` session rows instead of its own sessions."""
    base, _ = dataset(data, units)
    folder = data / f"events-{events}"
    if (folder / "personalroi.yaml").exists():
        return folder, None
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("visitors.csv", "orders.csv", "nps.csv", "touchpoints.csv"):
        link = folder / name
        if not link.exists():
            link.symlink_to(base / name)
    sql = EVENT_SESSIONS.format(units=units, events=events, out=folder / "sessions.csv")
    run = measure([sys.executable, "-c", RUN_SQL, sql])
    (folder / "personalroi.yaml").write_text((base / "personalroi.yaml").read_text())
    return folder, run


def event_rows(folder: Path) -> int:
    """Data rows of the sessions and orders files (the event sources the floor reads)."""
    total = 0
    for name in ("sessions.csv", "orders.csv"):
        with (folder / name).open("rb") as fh:
            while block := fh.read(1 << 24):
                total += block.count(b"\n")
        total -= 1  # the header
    return total


def human(units: int) -> str:
    return f"{units // 1_000_000} M" if units >= 1_000_000 else f"{units // 1000} k"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,1000000,10000000")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--data", type=Path, default=DATA, help="where generated data goes")
    parser.add_argument(
        "--events", type=int, default=0, help="also audit this many session rows over 1 M units"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating runs per contender up to 1 M units"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    py = sys.executable
    startup = {
        "personalroi --help": measure([PERSONALROI, "--help"], repeat=7),
        'python -c "import typer"': measure([py, "-c", "import typer"], repeat=7),
        'python -c "import pandas, duckdb"': measure([py, "-c", "import pandas, duckdb"], 5),
    }
    rows = []
    for units in sizes:
        folder, generated = dataset(args.data, units)
        rounds = args.rounds if units <= 1_000_000 else 1
        runs = alternating(contenders(folder), rounds)
        rows.append(Size(units, event_rows(folder), generated, **runs, rounds=rounds))
        print(rows[-1], flush=True)
    heavy = None
    if args.events:
        folder, generated = event_dataset(args.data, args.events)
        every = contenders(folder)
        timed = ("audit", "own_query", "own_sections", "floor", "read")
        runs = alternating({k: every[k] for k in timed}, 1)
        heavy = Size(1_000_000, event_rows(folder), generated, **runs, pandas=None)
        print(heavy, flush=True)
    args.out.write_text(report(rows, startup, heavy))
    print(f"wrote {args.out}")


def audit_cmd(folder: Path) -> list[str]:
    config = str(folder / "personalroi.yaml")
    return [PERSONALROI, "audit", "-c", config, "-f", "json", "-q", "--no-history"]


def contenders(folder: Path) -> dict[str, list[str]]:
    """Every command timed on a dataset, by its Size field."""
    py, config = sys.executable, str(folder / "personalroi.yaml")
    # Written by the personalroi under test, not timed: the `stats` statement (the issue's
    # floor: what the metrics cost) and every section `personalroi sql` prints (what the
    # audit's SQL costs as a whole when a warehouse runs it).
    own_query, own_sections = folder / "own_query.sql", folder / "own_sections.sql"
    for out, section in ((own_query, ["-s", "stats"]), (own_sections, [])):
        subprocess.run(
            [PERSONALROI, "sql", "--dialect", "duckdb", "-c", config, *section, "-o", str(out)],
            check=True,
            env=ENV,
        )
    return {
        "audit": audit_cmd(folder),
        "own_query": [py, "-c", OWN_QUERY, str(own_query)],
        "own_sections": [py, "-c", OWN_QUERY, str(own_sections)],
        "floor": [py, "-c", DUCKDB_FLOOR, str(folder)],
        "read": [py, "-c", READ_FLOOR, str(folder)],
        "pandas": [py, "-c", PANDAS_NAIVE, str(folder)],
        "attribute": [PERSONALROI, "attribute", "-c", config, "-f", "json", "-q"],
        "touch_scan": [py, "-c", TOUCH_SCAN, str(folder)],
    }


def fmt(run: Run) -> str:
    return f"{run.seconds:.2f} s ({run.cpu:.2f})"


def ratios(a: float, b: float, c: float, d: float) -> str:
    return f"{a / b:.2f}x wall, {c / d:.2f}x CPU"


def report(rows: list[Size], startup: dict[str, Run], heavy: Size | None = None) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"`python benchmarks/run.py` on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Each contender is its own "
        "process (imports included), timed with `/usr/bin/time -v`: wall seconds, with CPU "
        "seconds (user + system) in brackets, which are steadier when other work shares the "
        "machine. Data from `personalroi sample` (visitors, orders, sessions, NPS, touchpoints "
        "as CSV). `DuckDB read` parses, once, every column the audit reads, and does nothing "
        "else: no audit can be faster.",
        "",
        "| units | event rows | personalroi audit | bare DuckDB GROUP BY | DuckDB read "
        "| naive pandas | audit peak RSS | DuckDB peak RSS | pandas peak RSS "
        "| generate (s / peak RSS) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in [*rows, *([heavy] if heavy else [])]:
        gen = size.generated
        generated = f"{gen.seconds:.1f} s / {gen.peak_mb:,.0f} MB" if gen else "(cached)"
        pandas = size.pandas
        lines.append(
            f"| {human(size.units)} | {size.events:,} | {fmt(size.audit)} | {fmt(size.floor)} "
            f"| {fmt(size.read)} | {fmt(pandas) if pandas else '(not run)'} "
            f"| {size.audit.peak_mb:,.0f} MB | {size.floor.peak_mb:,.0f} MB "
            f"| {f'{pandas.peak_mb:,.0f} MB' if pandas else ''} | {generated} |"
        )
    if heavy:
        lines += ["", "The last row: the 1 M-unit sample with its sessions replaced by many more."]
    lines += ["", *_own_query_and_attribute([*rows, *([heavy] if heavy else [])])]
    lines += ["", "| start-up | wall s (CPU s) |", "| --- | ---: |"]
    lines += [f"| `{name}` | {fmt(run)} |" for name, run in startup.items()]
    lines += ["", "## Against the targets (issue 9)", ""]
    lines += _targets(rows, startup, heavy)
    return "\n".join(lines) + "\n"


def _own_query_and_attribute(rows: list[Size]) -> list[str]:
    """The audit against its own query (the `stats` statement `personalroi sql --dialect
    duckdb` prints, run by bare DuckDB) and against every section it prints, and
    `personalroi attribute` against a DuckDB scan of the touchpoints."""
    lines = [
        "| units | runs | personalroi audit | own query (stats) | audit / own query "
        "| every printed section | audit / sections "
        "| personalroi attribute | touchpoints scan | attribute / scan "
        "| own query peak RSS | attribute peak RSS |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in rows:
        own, every, att, scan = size.own_query, size.own_sections, size.attribute, size.touch_scan
        if own is None:
            continue
        cells = [human(size.units), str(size.rounds), fmt(size.audit), fmt(own)]
        cells.append(ratios(size.audit.seconds, own.seconds, size.audit.cpu, own.cpu))
        if every:
            ratio = ratios(size.audit.seconds, every.seconds, size.audit.cpu, every.cpu)
            cells += [fmt(every), ratio]
        else:
            cells += ["(not run)", ""]
        if att and scan:
            cells += [fmt(att), fmt(scan), ratios(att.seconds, scan.seconds, att.cpu, scan.cpu)]
        else:
            cells += ["(not run)", "", ""]
        cells += [f"{own.peak_mb:,.0f} MB", f"{att.peak_mb:,.0f} MB" if att else ""]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _targets(rows: list[Size], startup: dict[str, Run], heavy: Size | None) -> list[str]:
    small, big = rows[0], rows[-1]
    typer_run = startup['python -c "import typer"']
    help_run = startup["personalroi --help"]
    imports = startup['python -c "import pandas, duckdb"']
    lines = [
        "- `--help` vs `import typer`: "
        + ratios(help_run.seconds, typer_run.seconds, help_run.cpu, typer_run.cpu)
        + " (target at most 3x).",
        f"- fixed cost: audit of {human(small.units)} units vs `import pandas, duckdb`: "
        + ratios(small.audit.seconds, imports.seconds, small.audit.cpu, imports.cpu)
        + " (target at most 2.5x).",
    ]
    if big is not small:
        for name, run in (("audit", "audit"), ("DuckDB read", "read")):
            mine = (getattr(big, run), getattr(small, run))
            wall = (mine[0].seconds - mine[1].seconds, big.floor.seconds - small.floor.seconds)
            cpu = (mine[0].cpu - mine[1].cpu, big.floor.cpu - small.floor.cpu)
            lines.append(
                f"- per-row cost ({human(big.units)} minus {human(small.units)}), {name} vs "
                "bare DuckDB GROUP BY: "
                + ratios(*wall, *cpu)
                + " (target for the audit at most 1.5x)."
            )
        if big.pandas:
            lines.append(
                f"- speed-up over naive pandas at {human(big.units)} (pandas time / audit time): "
                + ratios(big.pandas.seconds, big.audit.seconds, big.pandas.cpu, big.audit.cpu)
                + " (target at least 3x); the bare GROUP BY's: "
                + ratios(big.pandas.seconds, big.floor.seconds, big.pandas.cpu, big.floor.cpu)
                + "."
            )
        lines.append(
            f"- memory: audit peak RSS at {human(big.units)} units {big.audit.peak_mb:,.0f} MB "
            "(target at most 1.5 GB at 10 M)."
        )
    if heavy:
        lines.append(
            f"- memory: audit peak RSS at {heavy.events:,} event rows "
            f"{heavy.audit.peak_mb:,.0f} MB (target: completes with at most 2 GB at 100 M "
            "event rows)."
        )
    for a, b in zip(rows[1:], rows[2:], strict=False):
        for name in ("audit", "floor"):
            base, one, ten = (getattr(r, name) for r in (small, a, b))
            wall = (ten.seconds - base.seconds) / (one.seconds - base.seconds)
            cpu = (ten.cpu - base.cpu) / (one.cpu - base.cpu)
            label = "audit" if name == "audit" else "bare GROUP BY"
            lines.append(
                f"- growth {human(a.units)} -> {human(b.units)} ({b.units // a.units}x units): "
                f"marginal {label} time x{wall:.1f} wall, x{cpu:.1f} CPU "
                f"(target for the audit at most x{1.1 * b.units / a.units:.0f})."
            )
    return lines


if __name__ == "__main__":
    main()
