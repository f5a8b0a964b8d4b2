"""Damaged workshop files x the commands: how many are opened, refused in one line, or end
otherwise (a traceback, a crash, a hang). Reproducible (a seed), bounded (a count of files, a
timeout per file) and niced; ``tests/robust/test_fuzz.py`` runs a small sample.

    nice -n 10 python -m tests.robust.fuzz --files 300 --seed 23
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check", "{w}"),
    ("check", "--json", "{w}"),
    ("export", "{w}", "--format", "json", "-o", "{out}/w.json"),
    ("settings", "{w}", "--set", "attention_spread=1.4"),
    ("import-pay", "{w}", "{pay}"),
    ("template", "{w}", "-o", "{out}/t.json"),
    ("handout", "{w}", "-o", "{out}/h.pdf"),
)

# One process per damaged file runs every command through main() on a fresh copy each.
_DRIVER = """
import contextlib, io, json, shutil, sys, traceback
from ampdesk.cli import main
damaged, work, commands = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
results = []
for argv in commands:
    shutil.copyfile(damaged, work)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            code, err = None, io.StringIO(traceback.format_exc())
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""


def damage(original: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One damaged copy: truncated, or 1 to 16 bytes flipped (anywhere, or in the header)."""
    data = bytearray(original)
    kind = rng.choice(("truncate", "flip", "flip", "header"))
    if kind == "truncate":
        return kind, bytes(data[: rng.randrange(1, len(data))])
    for _ in range(rng.randint(1, 16)):
        at = rng.randrange(100) if kind == "header" else rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
    return kind, bytes(data)


def classify(code: object, stderr: str) -> str:
    """opened (exit 0), refused in one line (exit 2, one line, no traceback), or other."""
    if code == 0:
        return "opened"
    if code == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr:
        return "refused in one line"
    return "other"


def run(files: int, seed: int, timeout: float = 120.0) -> tuple[Counter[str], list[str]]:
    """Fuzz ``files`` damaged copies of the demo workshop; the counts and the odd cases."""
    from ampdesk.demo import write_demo

    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    odd: list[str] = []
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="ampdesk-fuzz-") as folder:
        base = Path(folder)
        env["HOME"] = str(base)  # nothing of the user's is read or written
        write_demo(base / "demo.ampdesk").close()
        original = (base / "demo.ampdesk").read_bytes()
        pay = base / "pay.csv"
        pay.write_text("role,level,work_type,pay,market_median\nDev,L1,routine,5e4,52000\n")
        for number in range(files):
            kind, data = damage(original, rng)
            damaged = base / "damaged.bin"
            damaged.write_bytes(data)
            out = base / f"out{number}"
            out.mkdir()
            work = base / "w.ampdesk"
            argv = [[a.format(w=work, out=out, pay=pay) for a in command] for command in COMMANDS]
            try:
                done = subprocess.run(
                    [sys.executable, "-c", _DRIVER, str(damaged), str(work), json.dumps(argv)],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=timeout,
                )
                results = json.loads(done.stdout) if done.returncode == 0 else None
            except subprocess.TimeoutExpired:
                results = None
            if results is None:  # the driver itself died or hung: every command counts
                counts["other"] += len(COMMANDS)
                odd.append(f"file {number} ({kind}): the process ended {done.returncode}")
                continue
            for command, (code, stderr) in zip(COMMANDS, results, strict=True):
                verdict = classify(code, stderr)
                counts[verdict] += 1
                if verdict == "other":
                    odd.append(f"file {number} ({kind}) {command[0]}: {stderr.strip()[-300:]}")
            shutil.rmtree(out)
            for side in ("-wal", "-shm", "-lock"):
                Path(f"{work}{side}").unlink(missing_ok=True)
    return counts, odd


def main() -> None:
    """Print the counts as one line, then each odd case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    counts, odd = run(args.files, args.seed)
    total = sum(counts.values())
    print(
        f"{args.files} files x {len(COMMANDS)} commands = {total}: "
        f"opened {counts['opened']}, refused in one line {counts['refused in one line']}, "
        f"other (traceback, crash, hang) {counts['other']}"
    )
    for line in odd:
        print(line)


if __name__ == "__main__":
    main()
