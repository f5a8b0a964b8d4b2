"""How long SQLite's full ``integrity_check`` (what ``ampdesk check`` and opening a file run)
takes next to ``quick_check``, on the demo workshop, on ones 10 and 50 times its size and on
the report benchmark's.

Run: ``PYTHONPATH=. nice python -m benchmarks.integrity_check`` (writes to a temporary folder).
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

from ampdesk.demo import write_demo
from benchmarks.big_workshop import write_big

# the demo: 12 people, 16 notes, 64 dots, 12 pay rows, 6 actions; grown 10 and 50 times;
# "big" is the report benchmark's workshop (500 people, 5000 notes, 60 role/levels)
SIZES = {"demo": 1, "10x": 10, "50x": 50, "big": 0}
RUNS = 5


def _best(path: Path, pragma: str) -> float:
    """The fastest of a few runs, in milliseconds, each on a fresh connection."""
    times = []
    for _ in range(RUNS):
        uri = f"{path.as_uri()}?mode=ro&immutable=1"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            start = time.perf_counter()
            result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
            times.append((time.perf_counter() - start) * 1000)
        assert result == "ok", result
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':6} {'size':>9} {'quick_check':>12} {'integrity_check':>16}")
        for name, factor in SIZES.items():
            path = Path(folder) / f"{name}.ampdesk"
            if factor == 1:
                write_demo(path).close()
            elif factor == 0:
                write_big(path).close()
            else:
                write_big(
                    path,
                    people=12 * factor,
                    notes=16 * factor,
                    role_levels=max(1, factor),
                    actions=6 * factor,
                ).close()
            quick, full = _best(path, "quick_check"), _best(path, "integrity_check")
            size = path.stat().st_size
            print(f"{name:6} {size / 1024:>7.0f} K {quick:>9.1f} ms {full:>13.1f} ms")


if __name__ == "__main__":
    main()
