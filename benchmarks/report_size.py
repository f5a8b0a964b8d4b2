"""Time the workshop report of the demo, a big workshop (500 people, 5,000 notes) and a
20,000-note one, and count their pages. Reading the workshop (gather: the figures, the gate
and the mistake checks over every note) and laying the PDF out are timed apart.

    python benchmarks/report_size.py [--runs N] [--quick]
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import parser, table
from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.report.builder import INDIVIDUAL_PAY, REPORT, Variant
from ampdesk.report.context import gather, strings
from ampdesk.report.document import write_pdf
from ampdesk.report.scripts import prepare_fonts
from ampdesk.store.workshop_file import Workshop
from benchmarks.big_workshop import write_big

# name: None for the demo, or (people, notes, with many scripts)
CASES: dict[str, tuple[int, int, bool] | None] = {
    "demo (12 people, 16 notes)": None,
    "big (500 people, 5,000 notes, 60 role/levels, 106 actions)": (500, 5_000, False),
    "20,000 notes (500 people, 60 role/levels, 106 actions)": (500, 20_000, False),
    "big, half the notes in Chinese, Japanese, Hindi, Hebrew or Arabic": (500, 5_000, True),
}
QUICK: dict[str, tuple[int, int, bool] | None] = {
    "demo (12 people, 16 notes)": None,
    "small (20 people, 100 notes), half the notes in other scripts": (20, 100, True),
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
    )
    return gathered - start, time.perf_counter() - gathered, len(PdfReader(out).pages)


def main() -> None:
    """Print the report section (medians over the runs)."""
    arguments = parser(__doc__)
    arguments.add_argument("--runs", type=int, default=3)
    args = arguments.parse_args()
    cases, runs = (QUICK, 1) if args.quick else (CASES, args.runs)
    rows = []
    base = None
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, case) in enumerate(cases.items()):
            path = Path(folder) / f"{number}.ampdesk"
            with (
                write_demo(path)
                if case is None
                else write_big(path, people=case[0], notes=case[1], scripts=case[2]) as ws
            ):
                report = [_once(ws, REPORT) for _ in range(runs)]
                pay = [_once(ws, INDIVIDUAL_PAY) for _ in range(runs)]
            read = statistics.median(r[0] for r in report)
            layout = statistics.median(r[1] for r in report)
            base = base or layout
            rows.append(
                [
                    name,
                    report[0][2],
                    f"{read:.2f} s",
                    f"{layout:.2f} s",
                    f"{layout / base:.1f}",
                    f"{pay[0][2]}, {statistics.median(p[1] for p in pay):.2f} s",
                ]
            )
    print("## Reports of any size\n")
    print(
        "`benchmarks/report_size.py`: the workshop report of the demo and of bigger workshops "
        "(`benchmarks/big_workshop.py`: the demo grown to more people who each answered every "
        "question, notes with two dots each, a pay audit of 60 role/levels, 106 actions and two "
        "check-ins). Read is `gather()` (reading the file and evaluating it: figures, gate, the "
        "mistake checks over every note); lay out is building the PDF from what was read; "
        f"{runs} run(s) each, in memory, medians; the ratio is to the demo's lay out.\n"
    )
    head = ["workshop", "pages", "read (gather)", "lay out", "lay out, ratio to demo"]
    print(table([*head, "individual-pay copy: pages, lay out"], rows))


if __name__ == "__main__":
    main()
