"""Run ampdesk's benchmarks and print a table (medians; ratios measured in the same run).

    python benchmarks/run.py [--runs N]

Start-up: a whole process from launch until its window is shown and the event loop idle
(offscreen), opening the demo workshop as ``ampdesk FILE`` does, beside a bare QMainWindow
start; and when the splash window (the first thing ampdesk paints) was on the screen. Peak
memory is the child's maximum RSS.
Pay audit: parse, store and evaluate a 100,000-row compensation audit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pay_audit import print_table as pay_audit_table  # noqa: E402


def _run_once(args: list[str], stamp: Path | None = None) -> tuple[float, float, float | None]:
    """Wall time (s) and peak RSS (MiB) of one child process, and when it painted its splash
    (s after launch; None for a child without one)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    launched = time.time()
    start = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [sys.executable, *args], env)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"benchmark child failed: {args}")
    splash = float(stamp.read_text(encoding="utf-8")) - launched if stamp else None
    return elapsed, usage.ru_maxrss / 1024, splash


Row = tuple[str, list[float], list[float], list[float]]


def startup(runs: int) -> list[Row]:
    """Alternate bare and demo starts so that machine noise hits both alike."""
    child = str(HERE / "startup_child.py")
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.ampdesk"
        stamp = Path(folder) / "splash-painted"
        subprocess.run(
            [sys.executable, "-m", "ampdesk", "demo", str(demo)], check=True, capture_output=True
        )
        cases: dict[str, tuple[list[str], Path | None]] = {
            "bare QMainWindow": ([child, "bare"], None),
            "ampdesk, demo open": ([child, "demo", str(demo), str(stamp)], stamp),
        }
        results: dict[str, tuple[list[float], list[float], list[float]]] = {
            name: ([], [], []) for name in cases
        }
        for args, marker in cases.values():  # warm the file cache once
            _run_once(args, marker)
        for _ in range(runs):
            for name, (args, marker) in cases.items():
                seconds, rss, splash = _run_once(args, marker)
                results[name][0].append(seconds)
                results[name][1].append(rss)
                if splash is not None:
                    results[name][2].append(splash)
    return [(name, times, rss, splash) for name, (times, rss, splash) in results.items()]


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = startup(args.runs)
    base = statistics.median(rows[0][1])
    print(f"start-up to the window shown and the event loop idle, {args.runs} runs each, offscreen")
    print(
        f"{'case':<22} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'peak MiB':>9} "
        f"{'ratio':>6} {'splash ms':>10} {'ratio':>6}"
    )
    for name, times, rss, splash in rows:
        median = statistics.median(times)
        first = statistics.median(splash) if splash else None
        splash_text = f"{first * 1000:>10.0f} {first / base:>6.2f}" if first else ""
        print(
            f"{name:<22} {median * 1000:>10.0f} {min(times) * 1000:>8.0f} "
            f"{max(times) * 1000:>8.0f} {statistics.median(rss):>9.0f} {median / base:>6.2f} "
            f"{splash_text}"
        )
    pay_audit_table(max(3, args.runs // 3))


if __name__ == "__main__":
    main()
