"""Run every benchmark and print docs/performance.md's measured part (Markdown).

    python benchmarks/run.py [--quick] [--only NAME ...] [--write docs/performance.md]

Each benchmark runs in a process of its own, with a throwaway home folder (nothing reads or
writes the user's settings or data), and prints its own section; this script puts the date,
the machine and the sections together. ``--quick`` runs each once at small sizes (CI does, so
that a broken benchmark fails the build); ``--write`` puts the result into the file between
its two markers and leaves the rest of the file as it is. The exit status is 1 if any
benchmark failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN = "<!-- benchmarks/run.py: begin (generated, do not edit by hand) -->"
END = "<!-- benchmarks/run.py: end -->"
# name: the arguments of a full run (a quick run passes --quick instead)
BENCHMARKS: dict[str, list[str]] = {
    "startup": ["--runs", "15"],
    "pay_audit": ["--runs", "5"],
    "refresh": ["--runs", "15"],
    "report_size": ["--runs", "3"],
    "live_latency": ["--runs", "15"],
    "live_load": ["--preset", "both", "--runs", "3", "--hostile"],
}


def _machine() -> str:
    """One line on the machine: processor, cores, memory, system, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    with_cpuinfo = Path("/proc/cpuinfo")
    if with_cpuinfo.exists():
        for line in with_cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kib / 1024**2:.1f} GiB memory"
    from PySide6.QtCore import qVersion

    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, PySide6 {version('PySide6-Essentials')} "
        f"(Qt {qVersion()}), SQLAlchemy {version('SQLAlchemy')}, "
        f"ReportLab {version('reportlab')}, aiohttp {version('aiohttp')}"
    )


def _commit() -> str:
    """The commit measured, marked when the checkout has changes not committed."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    dirty = " with changes not committed" if changed.stdout.strip() else ""
    return (head.stdout.strip() or "unknown") + dirty


def _load() -> str:
    return " / ".join(f"{n:.1f}" for n in os.getloadavg())


def run_one(name: str, args: list[str], home: Path) -> tuple[bool, str, float]:
    """Run one benchmark; whether it passed, its section (or its error), and its seconds."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
    }
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(HERE / f"{name}.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        return False, f"benchmarks/{name}.py failed (exit {result.returncode}):\n{tail}", seconds
    return True, result.stdout.strip(), seconds


def measured(quick: bool, names: list[str]) -> tuple[str, list[str]]:
    """The generated Markdown, and the names of the benchmarks that failed."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit, load_before = _commit(), _load()
    sections, failed = [], []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            print(f"benchmarks/{name}.py ...", file=sys.stderr, flush=True)
            passed, text, seconds = run_one(
                name, ["--quick"] if quick else BENCHMARKS[name], Path(folder)
            )
            print(f"  {'done' if passed else 'FAILED'} in {seconds:.1f} s", file=sys.stderr)
            if passed:
                sections.append(text)
            else:
                failed.append(name)
                print(text, file=sys.stderr)
    mode = "quick mode (small sizes, one run: not figures to quote)" if quick else "full sizes"
    head = (
        f"Generated by `python benchmarks/run.py{' --quick' if quick else ''}` on {when}, "
        f"commit {commit}, {mode}.\n\n"
        f"Machine: {_machine()}. Load average (1/5/15 min) {load_before} before, {_load()} "
        "after: the machine may be shared, so compare ratios measured in the same run rather "
        "than times from different runs."
    )
    return "\n\n".join([head, *sections]), failed


def write_into(path: Path, text: str) -> None:
    """Replace what stands between the markers of ``path`` with ``text``."""
    document = path.read_text(encoding="utf-8")
    before, begin, rest = document.partition(BEGIN)
    _, end, after = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{path}: the markers {BEGIN!r} and {END!r} are missing")
    path.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> int:
    """Run the benchmarks, print (or write) the result; 1 if any failed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), default=list(BENCHMARKS))
    parser.add_argument("--write", type=Path, help="the Markdown file to put the result into")
    args = parser.parse_args()
    text, failed = measured(args.quick, args.only)
    if args.write:
        write_into(args.write, text)
    else:
        print(text)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
