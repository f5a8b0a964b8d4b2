"""Time the workshop report of the demo, a big workshop (500 people, 5,000 notes) and a
20,000-note one, and count their pages. Reading the workshop (gather: the figures, the gate
and the mistake checks over every note) and laying the PDF out are timed apart.

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
from ampdesk.report.builder import INDIVIDUAL_PAY, REPORT, Variant
from ampdesk.report.context import gather, strings
from ampdesk.report.document import write_pdf
from ampdesk.report.scripts import prepare_fonts
from ampdesk.store.workshop_file import Workshop
from benchmarks.big_workshop import write_big

CASES: dict[str, tuple[int, bool] | None] = {
    "demo (12 people, 16 notes)": None,
    "big (500 people, 5,000 notes, 60 role/levels, 106 actions)": (5_000, False),
    "20,000 notes (500 people, 60 role/levels, 106 actions)": (20_000, False),
    "big, half the notes in Chinese, Japanese, Hindi, Hebrew or Arabic": (5_000, True),
}


def _once(workshop: Workshop, variant: Variant) -> tuple[float, float, int]:
    """Seconds to gather, seconds to lay out, and pages of one report."""
    start = time.perf_counter()
    ctx = gather(workshop, variant.individual_pay)
    gathered = time.perf_counter()
    prepare_fonts(list(strings(ctx)))  # as write_variant does: fonts found before layout
    out = io.BytesIO()
    write_pdf(
        out,
        "a4",
        lambda: [f for section in variant.sections for f in section(ctx)],
        title="benchmark",
        author="ampdesk",
        subject=variant.subject,
        header=ctx.details.title,
        footer=variant.name,
        mark=variant.mark,
        cover=variant.cover,
    )
    return gathered - start, time.perf_counter() - gathered, len(PdfReader(out).pages)


def main() -> None:
    """Print the table (medians over the runs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        "| workshop | pages | read (gather) | lay out | lay out, ratio to demo "
        "| individual-pay copy: pages, lay out |"
    )
    print("|---|---|---|---|---|---|")
    base = None
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, case) in enumerate(CASES.items()):
            path = Path(folder) / f"{number}.ampdesk"
            with (
                write_demo(path)
                if case is None
                else write_big(path, notes=case[0], scripts=case[1]) as ws
            ):
                runs = [_once(ws, REPORT) for _ in range(args.runs)]
                pay = [_once(ws, INDIVIDUAL_PAY) for _ in range(args.runs)]
            read = statistics.median(r[0] for r in runs)
            layout = statistics.median(r[1] for r in runs)
            base = base or layout
            print(
                f"| {name} | {runs[0][2]} | {read:.2f} s | {layout:.2f} s | {layout / base:.1f} "
                f"| {pay[0][2]}, {statistics.median(p[1] for p in pay):.2f} s |"
            )


if __name__ == "__main__":
    main()
