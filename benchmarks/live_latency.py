"""From a phone's submission to the facilitator's window: how long until a note shows.

    python benchmarks/live_latency.py [--runs N] [--quick]

The demo workshop is opened in the window (offscreen), live input is started on 127.0.0.1 as
the toolbar does, a phone joins, and each run sends one idea and measures the time from the
server's 2xx to the moment the step's notes board lists it (the server announces changes at
most four times a second, the window coalesces them and refreshes). Prints medians; no timed
assertions.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ms, parser, table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _post(url: str, path: str, body: dict[str, object], token: str | None = None) -> dict:
    request = urllib.request.Request(
        url.rstrip("/") + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}),
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def main() -> None:
    """Print the median time from a 2xx to the note on the screen."""
    arguments = parser(__doc__)
    arguments.add_argument("--runs", type=int, default=15)
    args = arguments.parse_args()
    runs = 1 if args.quick else args.runs
    from PySide6.QtWidgets import QApplication

    from ampdesk.demo import write_demo
    from ampdesk.ui.app import create_application
    from ampdesk.ui.notes_board import NotesBoard
    from ampdesk.ui.opening import open_workshop_window
    from ampdesk.ui.recent import app_settings

    create_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.ampdesk"
        write_demo(path).close()
        window = open_workshop_window(path, app_settings())  # as the app opens a file
        assert window is not None
        window.show_step("autonomy")
        window.present_page()  # the phones follow the page presented to the room
        board = window.page("autonomy").findChild(NotesBoard)
        started: list[dict] = []
        window.live.started.connect(started.append)
        window.live_bar.choose_host("127.0.0.1")
        window.live_bar.toggle()
        while not started:
            QApplication.processEvents()
        url, code = str(started[0]["url"]), str(started[0]["code"])
        token = _post(url, "/api/join", {"code": code})["token"]
        delays = []
        for run in range(runs):
            text = f"Latency probe {run}"
            note = {"activity": "autonomy", "kind": "idea", "dimension": "how", "text": text}
            _post(url, "/api/notes", {"key": secrets.token_urlsafe(12), **note}, token)
            acknowledged = time.perf_counter()
            while not any(text in board.list.item(i).text() for i in range(board.list.count())):
                QApplication.processEvents()
            delays.append(time.perf_counter() - acknowledged)
            time.sleep(0.3)  # as people type: not a burst
        window.close()
    print("## From a phone to the window\n")
    print(
        "`benchmarks/live_latency.py`: the demo workshop in the window (offscreen), live input "
        "started on 127.0.0.1 as the toolbar does, one phone; each run sends an idea and "
        "measures from the server's 2xx to the moment the step's notes board lists it "
        f"({runs} run(s), 0.3 s apart).\n"
    )
    row = [ms(statistics.median(delays)), ms(min(delays)), ms(max(delays))]
    print(table(["median", "min", "max"], [row]))


if __name__ == "__main__":
    main()
