"""Benchmark `personalroi audit` against a bare DuckDB GROUP BY and naive pandas (not in CI).

    python benchmarks/run.py                       # 10k, 1M and 10M units
    python benchmarks/run.py --sizes 10000,1000000 # quicker
    python benchmarks/run.py --events 100000000    # also 100 M session rows over 1 M units
    python benchmarks/run.py --data /scratch/bench # where the generated data goes

Generates each dataset once with `personalroi sample` into benchmarks/data/
(git-ignored; or --data), then times each contender in its own process under
`/usr/bin/time -v` (wall time and peak RSS, imports included), and writes
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


def measure(cmd: list[str], repeat: int = 1) -> Run:
    """Median wall time and the largest peak RSS of `cmd` over `repeat` runs."""
    times, cpus, peaks = [], [], []
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as log:
            proc = subprocess.run(
                ["/usr/bin/time", "-v", "-o", log.name, *cmd],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            report = log.read()
        if proc.returncode not in (0, 1):  # audit exits 1 when a gate fails: still a full run
            raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
        user = re.search(r"User time \(seconds\): ([\d.]+)", report)
        system = re.search(r"System time \(seconds\): ([\d.]+)", report)
        assert wall and rss and user and system, report
        cpus.append(float(user.group(1)) + float(system.group(1)))
        hours, minutes, secs = wall.groups()
        times.append(int(hours or 0) * 3600 + int(minutes) * 60 + float(secs))
        peaks.append(int(rss.group(1)) / 1024)
    return Run(statistics.median(times), statistics.median(cpus), max(peaks))


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
        repeat = 3 if units <= 100_000 else 1
        audit = measure(audit_cmd(folder), repeat)
        floor = measure([py, "-c", DUCKDB_FLOOR, str(folder)], repeat)
        pandas = measure([py, "-c", PANDAS_NAIVE, str(folder)], repeat)
        rows.append((units, event_rows(folder), generated, audit, floor, pandas))
        print(human(units), audit, floor, pandas, generated, flush=True)
    heavy = None
    if args.events:
        # No naive pandas here: it would need tens of GB for the sessions table.
        folder, generated = event_dataset(args.data, args.events)
        audit = measure(audit_cmd(folder))
        floor = measure([py, "-c", DUCKDB_FLOOR, str(folder)])
        heavy = (event_rows(folder), generated, audit, floor)
        print("events", heavy, flush=True)
    args.out.write_text(report(rows, startup, heavy))
    print(f"wrote {args.out}")


def audit_cmd(folder: Path) -> list[str]:
    config = str(folder / "personalroi.yaml")
    return [PERSONALROI, "audit", "-c", config, "-f", "json", "-q", "--no-history"]


def fmt(run: Run) -> str:
    return f"{run.seconds:.2f} s ({run.cpu:.2f})"


def ratios(a: float, b: float, c: float, d: float) -> str:
    return f"{a / b:.2f}x wall, {c / d:.2f}x CPU"


def report(
    rows: list[tuple[int, int, Run | None, Run, Run, Run]],
    startup: dict[str, Run],
    heavy: tuple[int, Run | None, Run, Run] | None = None,
) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"`python benchmarks/run.py` on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Each contender is its own "
        "process (imports included), timed with `/usr/bin/time -v`: wall seconds, with CPU "
        "seconds (user + system) in brackets, which are steadier when other work shares the "
        "machine. Data from `personalroi sample` (visitors, orders, sessions, NPS as CSV).",
        "",
        "| units | event rows | personalroi audit | bare DuckDB GROUP BY | naive pandas "
        "| audit peak RSS | DuckDB peak RSS | pandas peak RSS | generate (s / peak RSS) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for units, events, gen, audit, floor, pandas in rows:
        generated = f"{gen.seconds:.1f} s / {gen.peak_mb:,.0f} MB" if gen else "(cached)"
        lines.append(
            f"| {human(units)} | {events:,} | {fmt(audit)} | {fmt(floor)} | {fmt(pandas)} "
            f"| {audit.peak_mb:,.0f} MB | {floor.peak_mb:,.0f} MB | {pandas.peak_mb:,.0f} MB "
            f"| {generated} |"
        )
    if heavy:
        events, gen, audit, floor = heavy
        generated = f"{gen.seconds:.1f} s / {gen.peak_mb:,.0f} MB" if gen else "(cached)"
        lines += [
            "",
            "Event-heavy: the 1 M-unit sample with its sessions replaced by many more rows.",
            "",
            "| units | event rows | personalroi audit | bare DuckDB GROUP BY | audit peak RSS "
            "| DuckDB peak RSS | generate (s / peak RSS) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| 1 M | {events:,} | {fmt(audit)} | {fmt(floor)} | {audit.peak_mb:,.0f} MB "
            f"| {floor.peak_mb:,.0f} MB | {generated} |",
        ]
    lines += ["", "| start-up | wall s (CPU s) |", "| --- | ---: |"]
    lines += [f"| `{name}` | {fmt(run)} |" for name, run in startup.items()]
    lines += ["", "## Against the targets (issue 9)", ""]
    small, big = rows[0], rows[-1]
    typer_run = startup['python -c "import typer"']
    help_run = startup["personalroi --help"]
    imports = startup['python -c "import pandas, duckdb"']
    lines.append(
        "- `--help` vs `import typer`: "
        + ratios(help_run.seconds, typer_run.seconds, help_run.cpu, typer_run.cpu)
        + " (target at most 3x)."
    )
    lines.append(
        f"- fixed cost: audit of {human(small[0])} units vs `import pandas, duckdb`: "
        + ratios(small[3].seconds, imports.seconds, small[3].cpu, imports.cpu)
        + " (target at most 2x)."
    )
    if big is not small:
        wall = (big[3].seconds - small[3].seconds, big[4].seconds - small[4].seconds)
        cpu = (big[3].cpu - small[3].cpu, big[4].cpu - small[4].cpu)
        lines.append(
            f"- per-row cost ({human(big[0])} minus {human(small[0])}), audit vs bare DuckDB: "
            + ratios(wall[0], wall[1], cpu[0], cpu[1])
            + " (target at most 1.5x)."
        )
        lines.append(
            f"- naive pandas vs audit at {human(big[0])}: "
            + ratios(big[5].seconds, big[3].seconds, big[5].cpu, big[3].cpu)
            + " faster (target at least 3x)."
        )
        lines.append(
            f"- memory: audit peak RSS at {human(big[0])} units {big[3].peak_mb:,.0f} MB "
            "(target at most 1.5 GB at 10 M)."
        )
    if heavy:
        lines.append(
            f"- memory: audit peak RSS at {heavy[0]:,} event rows {heavy[2].peak_mb:,.0f} MB "
            "(target: completes with at most 2 GB at 100 M event rows)."
        )
    base = rows[0][3]
    for (u1, _, _, a1, _, _), (u2, _, _, a2, _, _) in zip(rows[1:], rows[2:], strict=False):
        growth_wall = (a2.seconds - base.seconds) / (a1.seconds - base.seconds)
        growth_cpu = (a2.cpu - base.cpu) / (a1.cpu - base.cpu)
        lines.append(
            f"- growth {human(u1)} -> {human(u2)} ({u2 // u1}x units): marginal audit time "
            f"x{growth_wall:.1f} wall, x{growth_cpu:.1f} CPU "
            f"(target at most x{1.1 * u2 / u1:.0f})."
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
