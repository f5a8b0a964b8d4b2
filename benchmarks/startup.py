"""Start-up of ampdesk beside a bare QMainWindow, measured in the same run.

    python benchmarks/startup.py [--runs N] [--quick]

Each start is a whole process (benchmarks/startup_child.py), from launch until its window is
shown and the event loop idle: an empty ``QMainWindow`` ("bare"), ``ampdesk`` without a file
(the start window) and ``ampdesk demo.ampdesk`` (the splash, then the workshop window), as the
``ampdesk`` command runs them. The three alternate, so machine noise hits them alike; the
table gives medians, the ratio to bare's median, the peak memory (the process's maximum RSS)
and when the splash was on the screen.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ms, parser, table

HERE = Path(__file__).resolve().parent


def _run_once(args: list[str], stamps: Path) -> tuple[float, float, float | None]:
    """Seconds from launch to idle, peak RSS (MiB), and seconds to the splash (or None)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    stamps.unlink(missing_ok=True)
    launched = time.time()
    pid = os.posix_spawn(sys.executable, [sys.executable, *args], env)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"benchmark child failed: {args}")
    seen = json.loads(stamps.read_text(encoding="utf-8"))
    splash = seen["splash"] - launched if "splash" in seen else None
    return seen["idle"] - launched, usage.ru_maxrss / 1024, splash


def startup(runs: int, warm: bool) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """The times, peaks and splash times of every case."""
    child = str(HERE / "startup_child.py")
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.ampdesk"
        stamps = Path(folder) / "stamps.json"
        subprocess.run(
            [sys.executable, "-m", "ampdesk", "demo", str(demo)], check=True, capture_output=True
        )
        cases = {
            "bare `QMainWindow`": [child, "bare", str(stamps)],
            "ampdesk, start window": [child, "ampdesk", str(stamps)],
            "ampdesk, demo workshop open": [child, "ampdesk", str(stamps), str(demo)],
        }
        results: dict[str, tuple[list[float], list[float], list[float]]] = {
            name: ([], [], []) for name in cases
        }
        if warm:
            for args in cases.values():  # the file cache warmed once
                _run_once(args, stamps)
        for _ in range(runs):
            for name, args in cases.items():
                seconds, rss, splash = _run_once(args, stamps)
                results[name][0].append(seconds)
                results[name][1].append(rss)
                if splash is not None:
                    results[name][2].append(splash)
    return results


def main() -> None:
    """Print the start-up section."""
    arguments = parser(__doc__)
    arguments.add_argument("--runs", type=int, default=15)
    args = arguments.parse_args()
    runs = 1 if args.quick else args.runs
    results = startup(runs, warm=not args.quick)
    base = statistics.median(next(iter(results.values()))[0])
    rows = []
    for name, (times, rss, splash) in results.items():
        median = statistics.median(times)
        painted = statistics.median(splash) if splash else None
        rows.append(
            [
                name,
                ms(median),
                ms(min(times)),
                ms(max(times)),
                f"{statistics.median(rss):.0f} MiB",
                f"{median / base:.2f}",
                ms(painted) if painted else "",
                f"{painted / base:.2f}" if painted else "",
            ]
        )
    print("## Start-up\n")
    print(
        "A whole process from launch until its window is shown and the event loop idle "
        f"(`benchmarks/startup.py`, {runs} interleaved run(s) of each case, offscreen, medians; "
        "the ratio is to bare's median in the same run).\n"
    )
    head = ["case", "median", "min", "max", "peak RSS", "ratio", "splash painted", "ratio"]
    print(table(head, rows))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
