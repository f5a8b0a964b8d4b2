"""How long the facilitator's window is busy each time phones change the file.

    python benchmarks/refresh.py [--runs N] [--phones 200] [--quick]

During live input the server tells the app at most four times a second that phones sent
something; the app then re-reads the file, re-runs the rules and redraws the open pages. This
measures one such refresh (offscreen) on the demo workshop with every page built, the
presenter screen open, and the answers and notes of ``--phones`` phones added, beside the same
refresh on the plain demo. No timed assertions: it prints medians.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ms, parser, table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _add_phones(path: Path, phones: int) -> None:
    from ampdesk.framework.content import AUTONOMY_DIMENSIONS
    from ampdesk.store.workshop_file import open_workshop
    from ampdesk.store.workshop_store import WorkshopStore

    with open_workshop(path) as workshop:
        repo = WorkshopStore(workshop)
        for phone in range(phones):
            label = f"Phone {phone}"
            for item in ("peers", "market", "settled"):
                repo.answers.add("fairness", item, [1 + phone % 5], source="phone", ballot=label)
            for dim in AUTONOMY_DIMENSIONS:
                for when in ("current", "desired"):
                    value = [1 + (phone + len(when)) % 5]
                    repo.answers.add("autonomy", f"{dim}.{when}", value, ballot=label)
            repo.notes.add("autonomy", "idea", f"Idea {phone}", dimension="how")
            repo.notes.add("purpose", "story", f"Story {phone}")


def _refresh_times(path: Path, runs: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from ampdesk.ui.app import create_application
    from ampdesk.ui.opening import open_workshop_window
    from ampdesk.ui.recent import app_settings

    create_application()
    window = open_workshop_window(path, app_settings())  # as the app opens a file
    assert window is not None
    window.resize(1440, 960)
    window.show()
    for page_id in window.page_ids:
        if page_id != "report":
            window.page(page_id)  # every page built, as after a whole workshop
    window.show_step("autonomy")
    window.open_presenter()
    QApplication.processEvents()
    refreshed: list[float] = []
    # connected last, so it runs after every page and the presenter have redrawn
    window.controller.changed.connect(lambda: refreshed.append(time.perf_counter()))
    times = []
    for run in range(runs):
        start = time.perf_counter()
        window.controller.schedule_refresh()
        while len(refreshed) <= run:
            QApplication.processEvents()
        times.append(refreshed[run] - start)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return times


def main() -> None:
    """Print the median refresh time with and without the phones' data."""
    arguments = parser(__doc__)
    arguments.add_argument("--runs", type=int, default=15)
    arguments.add_argument("--phones", type=int, default=200)
    args = arguments.parse_args()
    runs, phones = (1, 5) if args.quick else (args.runs, args.phones)
    from ampdesk.demo import write_demo

    with tempfile.TemporaryDirectory() as folder:
        plain, loaded = Path(folder) / "plain.ampdesk", Path(folder) / "loaded.ampdesk"
        write_demo(plain).close()
        write_demo(loaded).close()
        _add_phones(loaded, phones)
        cases = [
            ("demo workshop, every page built, presenter open", _refresh_times(plain, runs)),
            (f"the same with {phones} phones' answers and notes", _refresh_times(loaded, runs)),
        ]
    base = statistics.median(cases[0][1])
    rows = [
        [
            name,
            ms(statistics.median(t)),
            ms(min(t)),
            ms(max(t)),
            f"{statistics.median(t) / base:.2f}",
        ]
        for name, t in cases
    ]
    print("## The window's refresh after a change in the file\n")
    print(
        "`benchmarks/refresh.py`: what one refresh costs the window (re-reading the file, "
        "re-running the rules, redrawing every built page and the presenter screen), as after "
        f"each announcement from the live server (at most four a second); {runs} run(s) each, "
        "offscreen, medians.\n"
    )
    print(table(["case", "median", "min", "max", "ratio"], rows))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
