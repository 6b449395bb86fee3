"""Benchmark `personalroi audit` against a bare DuckDB GROUP BY and naive pandas (not in CI).

    python benchmarks/run.py                       # 10k, 1M and 10M units
    python benchmarks/run.py --sizes 10000,1000000 # quicker

Generates each dataset once with `personalroi sample` into benchmarks/data/
(git-ignored), then times each contender in its own process under
`/usr/bin/time -v` (wall time and peak RSS, imports included), and writes
benchmarks/RESULTS.md.
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


def dataset(units: int) -> tuple[Path, Run | None]:
    folder = DATA / f"{units}"
    if (folder / "personalroi.yaml").exists():
        return folder, None
    cmd = [PERSONALROI, "sample", "--out", str(folder), "--units", str(units), "-q"]
    return folder, measure(cmd)


def human(units: int) -> str:
    return f"{units // 1_000_000} M" if units >= 1_000_000 else f"{units // 1000} k"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,1000000,10000000")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
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
        folder, generated = dataset(units)
        repeat = 3 if units <= 100_000 else 1
        events = sum(1 for _ in (folder / "sessions.csv").open()) + sum(
            1 for _ in (folder / "orders.csv").open()
        )
        audit = measure(
            [PERSONALROI, "audit", "-c", str(folder / "personalroi.yaml"), "-f", "json", "-q"],
            repeat,
        )
        floor = measure([py, "-c", DUCKDB_FLOOR, str(folder)], repeat)
        pandas = measure([py, "-c", PANDAS_NAIVE, str(folder)], repeat)
        rows.append((units, events, generated, audit, floor, pandas))
        print(human(units), audit, floor, pandas, generated, flush=True)
    args.out.write_text(report(rows, startup))
    print(f"wrote {args.out}")


def fmt(run: Run) -> str:
    return f"{run.seconds:.2f} s ({run.cpu:.2f})"


def ratios(a: float, b: float, c: float, d: float) -> str:
    return f"{a / b:.2f}x wall, {c / d:.2f}x CPU"


def report(rows: list[tuple[int, int, Run | None, Run, Run, Run]], startup: dict[str, Run]) -> str:
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
