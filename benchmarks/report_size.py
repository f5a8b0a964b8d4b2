"""Time the workshop report of the demo, a big workshop (500 people, 5,000 notes) and a
20,000-note one, and count their pages.

    python benchmarks/report_size.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.framework.content import framework
from ampdesk.framework.evaluation import evaluate
from ampdesk.report.builder import build_report
from ampdesk.store.repository import Repository
from benchmarks.big_workshop import write_big

CASES = {
    "demo (12 people, 16 notes)": None,
    "big (500 people, 5,000 notes, 60 role/levels, 106 actions)": 5_000,
    "20,000 notes (500 people)": 20_000,
}


Row = tuple[str, int, list[float], list[float], list[float]]


def measure(runs: int) -> list[Row]:
    """Pages and seconds (without and with individual pay) of each case, and the seconds of
    evaluate() alone (gate, figures and mistake checks, which every report runs once)."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, notes in CASES.items():
            path = Path(folder) / f"{notes or 'demo'}.ampdesk"
            workshop = write_demo(path) if notes is None else write_big(path, notes=notes)
            with workshop:
                plain: list[float] = []
                individual: list[float] = []
                evaluation: list[float] = []
                pages = 0
                inputs = Repository(workshop).inputs()
                for _ in range(runs):
                    start = time.perf_counter()
                    evaluate(inputs, framework())
                    evaluation.append(time.perf_counter() - start)
                    for times, pay in ((plain, False), (individual, True)):
                        out = io.BytesIO()
                        start = time.perf_counter()
                        build_report(workshop, out, include_individual_pay=pay)
                        times.append(time.perf_counter() - start)
                        if not pay:
                            pages = len(PdfReader(out).pages)
            results.append((name, pages, plain, individual, evaluation))
    return results


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = measure(args.runs)
    base = statistics.median(rows[0][2])
    layout_base = base - statistics.median(rows[0][4])
    print(
        "| workshop | pages | report | ratio to demo | of which evaluate() | the rest (layout) "
        "| its ratio to demo | with individual pay |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, pages, plain, individual, evaluation in rows:
        seconds = statistics.median(plain)
        evaluated = statistics.median(evaluation)
        layout = seconds - evaluated
        print(
            f"| {name} | {pages} | {seconds:.2f} s | {seconds / base:.1f} | {evaluated:.2f} s "
            f"| {layout:.2f} s | {layout / layout_base:.1f} | "
            f"{statistics.median(individual):.2f} s |"
        )


if __name__ == "__main__":
    main()
