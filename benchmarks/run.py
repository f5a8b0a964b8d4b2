"""Run ampdesk's benchmarks and print a table (medians; ratios measured in the same run).

    python benchmarks/run.py [--runs N]

Start-up: a whole process from launch to its first shown window (offscreen), with the demo
workshop open, beside a bare QMainWindow start. Peak memory is the child's maximum RSS.
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


def _run_once(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one child process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [sys.executable, *args], env)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"benchmark child failed: {args}")
    return elapsed, usage.ru_maxrss / 1024


def startup(runs: int) -> list[tuple[str, list[float], list[float]]]:
    """Alternate bare and demo starts so that machine noise hits both alike."""
    child = str(HERE / "startup_child.py")
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.ampdesk"
        subprocess.run(
            [sys.executable, "-m", "ampdesk", "demo", str(demo)], check=True, capture_output=True
        )
        cases = {
            "bare QMainWindow": [child, "bare"],
            "ampdesk, demo open": [child, "demo", str(demo)],
        }
        results = {name: ([], []) for name in cases}
        for args in cases.values():  # warm the file cache once
            _run_once(args)
        for _ in range(runs):
            for name, args in cases.items():
                seconds, rss = _run_once(args)
                results[name][0].append(seconds)
                results[name][1].append(rss)
    return [(name, times, rss) for name, (times, rss) in results.items()]


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = startup(args.runs)
    base = statistics.median(rows[0][1])
    print(f"start-up to first shown window, {args.runs} runs each, offscreen")
    print(
        f"{'case':<22} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'peak MiB':>9} {'ratio':>6}"
    )
    for name, times, rss in rows:
        median = statistics.median(times)
        print(
            f"{name:<22} {median * 1000:>10.0f} {min(times) * 1000:>8.0f} "
            f"{max(times) * 1000:>8.0f} {statistics.median(rss):>9.0f} {median / base:>6.2f}"
        )
    pay_audit_table(max(3, args.runs // 3))


if __name__ == "__main__":
    main()
