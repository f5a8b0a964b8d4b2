"""Time a 100,000-row pay audit: parse the CSV, store it in a workshop file, evaluate the gate.

python benchmarks/pay_audit.py [--rows N] [--runs N] [--quick]
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from common import ms, parser, table

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


def pay_audit(rows: int, runs: int) -> list[tuple[str, list[float]]]:
    """Seconds of each stage in each of ``runs`` runs."""
    stages: dict[str, list[float]] = {
        "parse and validate the CSV": [],
        "store in the workshop file": [],
        "evaluate the workshop": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "pay.csv"
        write_csv(csv_path, rows)
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
            stages["parse and validate the CSV"].append(parsed - start)
            stages["store in the workshop file"].append(stored - parsed)
            stages["evaluate the workshop"].append(evaluated - stored)
    return list(stages.items())


def main() -> None:
    """Print the pay audit section."""
    arguments = parser(__doc__)
    arguments.add_argument("--rows", type=int, default=ROWS)
    arguments.add_argument("--runs", type=int, default=5)
    args = arguments.parse_args()
    rows, runs = (2_000, 1) if args.quick else (args.rows, args.runs)
    stages = pay_audit(rows, runs)
    print(f"## Pay audit of {rows:,} rows\n")
    print(
        f"`benchmarks/pay_audit.py`: a synthetic CSV of {rows:,} people (40 roles, 3 levels, two "
        "groups) parsed and validated, stored in a new workshop file (replacing the audit in one "
        f"transaction), then the whole workshop evaluated; {runs} run(s), medians.\n"
    )
    lines = [[name, ms(statistics.median(t)), ms(min(t)), ms(max(t))] for name, t in stages]
    total = sum(statistics.median(t) for _, t in stages)
    print(table(["stage", "median", "min", "max"], [*lines, ["total", ms(total), "", ""]]))


if __name__ == "__main__":
    main()
