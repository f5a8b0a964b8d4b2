"""Time a 100,000-row pay audit: parse the CSV, store it in a workshop file, evaluate the gate."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import evaluate
from ampdesk.framework.pay_import import read_pay_file
from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore

ROWS = 100_000
HEADER = "role,level,work_type,pay,market_median,fte,person,group,currency\n"


def write_csv(path: Path, rows: int) -> None:
    """A synthetic audit: 40 roles x 3 levels, two groups, varied pay."""
    lines = (
        f"Role {i % 40},L{i % 3},{'routine' if i % 4 == 0 else 'creative'},"
        f"{45_000 + (i * 7919) % 20_000},52000,{1 if i % 5 else 0.8},p{i},{'AB'[i % 2]},EUR"
        for i in range(rows)
    )
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def pay_audit(runs: int) -> list[tuple[str, list[float]]]:
    """Median seconds of each stage over ``runs`` runs."""
    stages: dict[str, list[float]] = {"parse CSV": [], "store in file": [], "evaluate": []}
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "pay.csv"
        write_csv(csv_path, ROWS)
        for run in range(runs):
            start = time.perf_counter()
            rows = read_pay_file(csv_path)
            parsed = time.perf_counter()
            with create_workshop(Path(folder) / f"w{run}.ampdesk", "bench") as workshop:
                repo = WorkshopStore(workshop)
                repo.pay.replace(rows)
                stored = time.perf_counter()
                evaluate(repo.inputs(), framework())
                evaluated = time.perf_counter()
            stages["parse CSV"].append(parsed - start)
            stages["store in file"].append(stored - parsed)
            stages["evaluate"].append(evaluated - stored)
    return list(stages.items())


def print_table(runs: int) -> None:
    """Print the stages of the 100,000-row audit."""
    print(f"\npay audit of {ROWS:,} rows, {runs} runs each")
    print(f"{'stage':<22} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    total = 0.0
    for name, times in pay_audit(runs):
        median = statistics.median(times)
        total += median
        print(
            f"{name:<22} {median * 1000:>10.0f} {min(times) * 1000:>8.0f} {max(times) * 1000:>8.0f}"
        )
    print(f"{'total (medians)':<22} {total * 1000:>10.0f}")
