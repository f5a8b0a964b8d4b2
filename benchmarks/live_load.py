"""Load the participant server with many phones at once, beside a bare aiohttp server.

    python benchmarks/live_load.py [--preset room|town-hall|both] [--phones N --each M]
                                   [--runs R] [--nofile 1024] [--hostile] [--json] [--quick]

The presets are a room (200 phones x 20 submissions) and a town hall (1,000 phones x 5);
``both`` (the default) runs one after the other, ``--phones`` and ``--each`` run one case of
that size instead, ``--quick`` 10 phones x 4 with the hostile client, once.

For each case the benchmark creates a fresh workshop file in a temporary folder and starts
``ampdesk live FILE --headless --step autonomy`` in its own process with a soft limit of
``--nofile`` open files (1,024, a common default; the server may raise it to its hard limit).
Then the simulated phones (one aiohttp session with its own connection each, as separate
phones would have, each from its own loopback address 127.0.x.y, so the default limit of two
phones per address holds as in a room) all join at once, wait for each other and make their
submissions one after the other as fast as they can, alternating a note (unique text) and an
answer to ``how.current``. The joins are timed apart; nothing is retried, and every non-2xx
response or failed request counts as an error. The server's CPU time (user + system, from
``/proc/PID/stat``) while the phones submit, divided by the submissions, is the server's cost
per submission, apart from the client's, which runs on the same machine.

With ``--hostile``, one more client joins like a phone and, while the phones submit, sends
poisoned requests without pause: notes with a lone surrogate, a NUL, only a zero-width space,
and a body nested 5,000 levels deep. Its answers are counted apart (they must all be 4xx); the
phones' errors must stay 0, as without it.

The server is then stopped with SIGTERM and the workshop file is opened read-only with
``sqlite3``: ``lost`` counts acknowledged (2xx) notes whose text is not in the file, and phones
whose last acknowledged answer is not there as exactly one row, and notes stored more than
once. It must be 0.

In the same run a bare aiohttp server (this file run with ``--bare-server``: one POST route that
reads the body and answers ``{"ok": true}`` with 201) gets the same load: the same phones,
requests, body sizes and headers. It shows what the client, aiohttp and this machine manage on
their own, so the ratio tells the cost of ampdesk's work, mostly committing every submission to
SQLite (fsync) before it answers. The client runs in this process on the same machine as the
server, so both cases share the CPU with it. With ``--runs`` each case runs that many times,
ampdesk and bare alternating, and the table shows the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from common import parser as common_parser
from common import table

from ampdesk.store.live import pseudonym

ROOT = Path(__file__).resolve().parent.parent
ACTIVITY = "autonomy"
ITEM = "how.current"
BARE_CODE = "K7PM3X"
BARE_TOKEN = "x" * 43  # the length of a real token, so that the headers weigh the same
TIMEOUT = aiohttp.ClientTimeout(total=120)
PRESETS = {"room": (200, 20), "town-hall": (1000, 5)}
TICK = os.sysconf("SC_CLK_TCK")


def phone_address(number: int) -> str:
    """The loopback address phone ``number`` sends from (on Linux all of 127/8 is loopback)."""
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICK


# -- the bare server ---------------------------------------------------------------------
async def _bare_submit(request: web.Request) -> web.Response:
    await request.read()
    return web.json_response({"ok": True}, status=201)


async def _bare_serve() -> None:
    app = web.Application()
    app.router.add_post("/api/{route}", _bare_submit)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    sys.stdout.write(json.dumps({"url": f"http://127.0.0.1:{port}/", "port": port}) + "\n")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


# -- server processes --------------------------------------------------------------------
class Server:
    """A server in its own process that prints one JSON line once it listens."""

    def __init__(self, args: list[str], log: Path, nofile: int) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self.log = log

        def limit_files() -> None:
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))

        with log.open("w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, *args],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env=env,
                cwd=ROOT,
                preexec_fn=limit_files,
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=30)
            raise RuntimeError(f"the server did not start: {log.read_text()}")
        self.info: dict[str, Any] = json.loads(line)
        self.url: str = self.info["url"].rstrip("/")

    def stop(self) -> int:
        """SIGTERM, then wait for the exit; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
            return -9


# -- the phones ----------------------------------------------------------------------------
@dataclass
class PhoneResult:
    """What one phone sent and got back."""

    label: str | None = None
    ballot: str | None = None  # the phone's pseudonym for its answers, found in the file
    join_status: int | None = None
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    acked_notes: list[str] = field(default_factory=list)
    last_answer: int | None = None  # value of the last acknowledged answer
    answer_after_ack_failed: bool = False  # a later answer failed: its fate is unknown


def _body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode()


async def _phone(
    number: int, url: str, code: str, each: int, fake_token: bool, barrier: asyncio.Barrier
) -> PhoneResult:
    result = PhoneResult()
    connector = aiohttp.TCPConnector(limit=1, local_addr=(phone_address(number), 0))
    async with aiohttp.ClientSession(connector=connector, timeout=TIMEOUT) as session:
        token = ""
        try:
            async with session.post(
                f"{url}/api/join",
                data=_body({"code": code}),
                headers={"Content-Type": "application/json"},
            ) as response:
                result.join_status = response.status
                data = await response.json(content_type=None)
                if response.status == 201 and fake_token:
                    token = BARE_TOKEN
                elif response.status == 201:
                    token = data["token"]
                    result.label = data.get("phone")
                    result.ballot = pseudonym(token, f"answers:{ACTIVITY}:None")
        except (aiohttp.ClientError, TimeoutError, ValueError, KeyError):
            result.join_status = None
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        await barrier.wait()
        for i in range(each):
            key = secrets.token_urlsafe(16)
            if i % 2 == 0:
                route, text, value = "notes", f"{number}-{i}", None
                payload: dict[str, Any] = {
                    "key": key,
                    "activity": ACTIVITY,
                    "kind": "idea",
                    "dimension": "how",
                    "text": text,
                }
            else:
                route, text, value = "answers", None, (number + i) % 5 + 1
                payload = {"key": key, "activity": ACTIVITY, "answers": {ITEM: value}}
            raw = _body(payload)
            start = time.perf_counter()
            try:
                async with session.post(f"{url}/api/{route}", data=raw, headers=headers) as resp:
                    await resp.read()
                    status = resp.status
            except (aiohttp.ClientError, TimeoutError) as exc:
                result.statuses[type(exc).__name__] += 1
                if value is not None:
                    result.answer_after_ack_failed = True
                continue
            result.latencies.append(time.perf_counter() - start)
            result.statuses[str(status)] += 1
            ok = 200 <= status < 300
            if text is not None and ok:
                result.acked_notes.append(text)
            elif value is not None:
                if ok:
                    result.last_answer, result.answer_after_ack_failed = value, False
                else:
                    result.answer_after_ack_failed = True
    return result


POISON: tuple[bytes, ...] = (
    _body({"activity": ACTIVITY, "kind": "idea", "dimension": "how", "text": "a\ud800b"}),
    _body({"activity": ACTIVITY, "kind": "idea", "dimension": "how", "text": "nul\x00"}),
    _body({"activity": ACTIVITY, "kind": "idea", "dimension": "how", "text": "\u200b"}),
    b'{"x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
)


async def _hostile(url: str, code: str, done: asyncio.Event, seen: Counter[str]) -> None:
    """Send poisoned notes until the phones are done; count the answers in ``seen``."""
    connector = aiohttp.TCPConnector(local_addr=("127.0.255.1", 0))
    async with aiohttp.ClientSession(connector=connector, timeout=TIMEOUT) as session:
        async with session.post(
            f"{url}/api/join",
            data=_body({"code": code}),
            headers={"Content-Type": "application/json"},
        ) as response:
            token = (await response.json(content_type=None))["token"]
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        sent = 0
        while not done.is_set():
            raw = POISON[sent % len(POISON)]
            if raw.startswith(b'{"activity"'):
                raw = b'{"key": "' + secrets.token_urlsafe(16).encode() + b'", ' + raw[1:]
            sent += 1
            try:
                async with session.post(f"{url}/api/notes", data=raw, headers=headers) as resp:
                    await resp.read()
                    seen[str(resp.status)] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                seen[type(exc).__name__] += 1


@dataclass
class Timing:
    """Wall time of the joins and of the submissions, and the server's CPU time for them."""

    join_seconds: float = 0.0
    seconds: float = 0.0
    server_cpu: float = 0.0


async def _load(
    server: Server,
    code: str,
    phones: int,
    each: int,
    fake_token: bool,
    hostile: Counter[str] | None,
) -> tuple[list[PhoneResult], Timing]:
    timing = Timing()
    barrier = asyncio.Barrier(phones + 1)
    pid = server.process.pid
    start = time.perf_counter()
    tasks = asyncio.gather(
        *(_phone(n, server.url, code, each, fake_token, barrier) for n in range(phones))
    )
    await barrier.wait()  # every phone has joined (or failed to)
    timing.join_seconds = time.perf_counter() - start
    done = asyncio.Event()
    attacker = None
    if hostile is not None:
        attacker = asyncio.create_task(_hostile(server.url, code, done, hostile))
    cpu = cpu_seconds(pid)
    start = time.perf_counter()
    results: list[PhoneResult] = await tasks
    timing.seconds = time.perf_counter() - start
    timing.server_cpu = cpu_seconds(pid) - cpu
    done.set()
    if attacker is not None:
        await attacker
    return results, timing


# -- checking the file ---------------------------------------------------------------------
def count_lost(path: Path, results: list[PhoneResult]) -> dict[str, int]:
    """Acknowledged submissions that are not in the workshop file (read-only)."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as db:
        texts = Counter(row[0] for row in db.execute("SELECT text FROM note"))
        answers: dict[str, list[int]] = {}
        query = (
            "SELECT ballot, value FROM answer WHERE source = 'phone' "
            "AND activity = ? AND item = ? AND checkin_id IS NULL"
        )
        for ballot, value in db.execute(query, (ACTIVITY, ITEM)):
            answers.setdefault(ballot, []).append(value)
        note_rows = db.execute("SELECT count(*) FROM note").fetchone()[0]
        answer_rows = db.execute("SELECT count(*) FROM answer WHERE source = 'phone'").fetchone()[0]
    lost_notes = sum(texts[text] != 1 for r in results for text in r.acked_notes)
    lost_answers = 0
    for r in results:
        if r.last_answer is None:
            continue
        rows = answers.get(r.ballot or "", [])
        if len(rows) != 1 or (not r.answer_after_ack_failed and rows[0] != r.last_answer):
            lost_answers += 1
    return {
        "lost": lost_notes + lost_answers,
        "lost_notes": lost_notes,
        "lost_answers": lost_answers,
        "note_rows": note_rows,
        "phone_answer_rows": answer_rows,
        "acked_notes": sum(len(r.acked_notes) for r in results),
        "phones_with_acked_answer": sum(r.last_answer is not None for r in results),
    }


# -- the cases -----------------------------------------------------------------------------
def p99(values: list[float]) -> float:
    """The 99th percentile by nearest rank (no interpolation)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def summarize(name: str, results: list[PhoneResult], timing: Timing) -> dict[str, Any]:
    """One row of the table."""
    seconds = timing.seconds
    latencies = [lat for r in results for lat in r.latencies]
    statuses: Counter[str] = Counter()
    for r in results:
        statuses.update(r.statuses)
    submissions = sum(statuses.values())
    errors = sum(n for s, n in statuses.items() if not (s.isdigit() and 200 <= int(s) < 300))
    return {
        "case": name,
        "submissions": submissions,
        "seconds": seconds,
        "per_second": submissions / seconds if seconds else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else math.nan,
        "p99_ms": p99(latencies) * 1000 if latencies else math.nan,
        "errors": errors,
        "statuses": dict(sorted(statuses.items())),
        "join_failures": sum(r.join_status not in (200, 201) for r in results),
        "join_seconds": timing.join_seconds,
        "server_cpu_s": timing.server_cpu,
        "cpu_us_per_submission": timing.server_cpu / submissions * 1e6 if submissions else math.nan,
    }


def run_ampdesk(
    folder: Path, phones: int, each: int, nofile: int, hostile: bool = False
) -> dict[str, Any]:
    """The real participant server on a fresh workshop file (with a hostile client)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "load.ampdesk"
    subprocess.run(
        [sys.executable, "-m", "ampdesk", "new", str(path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    server = Server(
        [
            "-m",
            "ampdesk",
            "live",
            str(path),
            "--headless",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--step",
            ACTIVITY,
        ],
        folder / "ampdesk.log",
        nofile,
    )
    try:
        attacks: Counter[str] | None = Counter() if hostile else None
        results, timing = asyncio.run(
            _load(server, server.info["code"], phones, each, False, attacks)
        )
    finally:
        exit_code = server.stop()
    row = summarize("ampdesk+hostile" if hostile else "ampdesk", results, timing)
    row["hostile_statuses"] = dict(sorted(attacks.items())) if attacks is not None else None
    row["server_log_lines"] = len((folder / "ampdesk.log").read_text().splitlines())
    row["server_exit"] = exit_code
    row.update(count_lost(path, results))
    return row


def run_bare(folder: Path, phones: int, each: int, nofile: int) -> dict[str, Any]:
    """The bare aiohttp server under the same load."""
    server = Server([str(Path(__file__).resolve()), "--bare-server"], folder / "bare.log", nofile)
    try:
        results, timing = asyncio.run(_load(server, BARE_CODE, phones, each, True, None))
    finally:
        exit_code = server.stop()
    row = summarize("bare aiohttp", results, timing)
    row["server_exit"] = exit_code
    row["lost"] = None
    return row


NUMBERS = (
    "submissions",
    "seconds",
    "per_second",
    "p50_ms",
    "p99_ms",
    "errors",
    "join_seconds",
    "server_cpu_s",
    "cpu_us_per_submission",
)


def median_row(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The runs of one case as one row: the median of every number, the worst of the rest."""
    row = dict(rows[-1])
    for key in NUMBERS:
        row[key] = statistics.median(r[key] for r in rows)
    for key in ("lost", "join_failures"):
        if row.get(key) is not None:
            row[key] = max(r[key] for r in rows)
    row["server_exit"] = next((r["server_exit"] for r in rows if r["server_exit"]), 0)
    row["runs"] = len(rows)
    return row


def run_case(folder: Path, phones: int, each: int, runs: int, nofile: int, hostile: bool) -> Any:
    """One size of load: ampdesk and bare alternating ``runs`` times, then the hostile case."""
    ampdesk, bare, attacked = [], [], []
    for run in range(runs):
        ampdesk.append(run_ampdesk(folder / f"ampdesk-{run}", phones, each, nofile))
        bare.append(run_bare(folder, phones, each, nofile))
        if hostile:
            attacked.append(run_ampdesk(folder / f"hostile-{run}", phones, each, nofile, True))
    cases = [median_row(ampdesk), median_row(bare)] + ([median_row(attacked)] if hostile else [])
    first, base = cases[0], cases[1]
    return {
        "phones": phones,
        "each": each,
        "runs": runs,
        "nofile": nofile,
        "cases": cases,
        "ratio": {
            "throughput": first["per_second"] / base["per_second"],
            "p50": first["p50_ms"] / base["p50_ms"],
            "p99": first["p99_ms"] / base["p99_ms"],
            "joins": first["join_seconds"] / base["join_seconds"],
        },
    }


def print_table(report: dict[str, Any]) -> None:
    """The cases side by side as a Markdown table, then the ratios and anything odd."""
    print(
        f"### {report['phones']:,} phones x {report['each']} submissions\n\n"
        f"Server soft limit {report['nofile']:,} open files; medians of {report['runs']} "
        "run(s).\n"
    )
    rows = []
    for row in report["cases"]:
        rows.append(
            [
                row["case"],
                f"{row['submissions']:,.0f}",
                f"{row['per_second']:,.0f}",
                f"{row['p50_ms']:,.1f} ms",
                f"{row['p99_ms']:,.1f} ms",
                f"{row['errors']:.0f}",
                "-" if row["lost"] is None else str(row["lost"]),
                f"{row['cpu_us_per_submission']:,.0f} µs",
                f"{row['join_seconds']:.2f} s",
            ]
        )
    head = ["case", "submissions", "per second", "p50", "p99", "errors", "lost"]
    print(table([*head, "server CPU per submission", "joins"], rows))
    ratio = report["ratio"]
    print(
        f"\nampdesk against bare: throughput {ratio['throughput']:.2f}, p50 {ratio['p50']:.1f}x, "
        f"p99 {ratio['p99']:.1f}x, joins {ratio['joins']:.1f}x."
    )
    for row in report["cases"]:
        odd = {s: n for s, n in row["statuses"].items() if s not in ("200", "201")}
        if odd or row["join_failures"] or row["server_exit"] != 0:
            print(
                f"{row['case']}: statuses {row['statuses']}, join failures "
                f"{row['join_failures']}, server exit {row['server_exit']}."
            )
    for row in report["cases"]:
        if row.get("hostile_statuses") is not None:
            print(
                f"{row['case']}: the hostile client got {row['hostile_statuses']}; the phones "
                f"got {row['errors']} errors; server log {row['server_log_lines']} lines."
            )
    ampdesk = report["cases"][0]
    print(
        f"The file: {ampdesk['note_rows']:,} notes ({ampdesk['acked_notes']:,} acknowledged), "
        f"{ampdesk['phone_answer_rows']:,} phone answers "
        f"({ampdesk['phones_with_acked_answer']:,} phones acknowledged); "
        f"lost {ampdesk['lost']} (notes {ampdesk['lost_notes']}, "
        f"answers {ampdesk['lost_answers']}).\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the cases and print the tables (or one JSON object)."""
    parser = common_parser(__doc__)
    parser.add_argument(
        "--preset", choices=[*PRESETS, "both"], default="both", help="room 200x20, town-hall 1000x5"
    )
    parser.add_argument("--phones", type=int, help="simulated phones (one case instead)")
    parser.add_argument("--each", type=int, help="submissions per phone (one case instead)")
    parser.add_argument("--runs", type=int, default=1, help="runs per case (medians shown)")
    parser.add_argument("--nofile", type=int, default=1024, help="servers' soft open-file limit")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--hostile", action="store_true", help="also run with a client sending poisoned notes"
    )
    parser.add_argument("--bare-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        asyncio.run(_bare_serve())
        return 0
    if args.quick:
        sizes, args.runs, args.hostile = [(10, 4)], 1, True
    elif args.phones is not None or args.each is not None:
        sizes = [(args.phones or PRESETS["room"][0], args.each or PRESETS["room"][1])]
    else:
        sizes = list(PRESETS.values()) if args.preset == "both" else [PRESETS[args.preset]]
    if min(min(size) for size in sizes) < 1 or args.runs < 1:
        parser.error("--phones, --each and --runs must be at least 1")
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]  # the client holds every phone
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    reports = []
    with tempfile.TemporaryDirectory() as name:
        for phones, each in sizes:
            folder = Path(name) / f"{phones}x{each}"
            reports.append(run_case(folder, phones, each, args.runs, args.nofile, args.hostile))
    if args.json:
        print(json.dumps(reports))
    else:
        print("## Live input: many phones at once\n")
        print(
            "`benchmarks/live_load.py`: `ampdesk live --headless` in its own process; the phones "
            "(one aiohttp session each, each from its own loopback address) join at once, then "
            "each submits as fast as it can (notes and answers alternating). Beside it, in the "
            "same run, a bare aiohttp server with one route that answers 201, under the same "
            "load from the same client; with the hostile client, one more client sends poisoned "
            "notes without pause. Afterwards the workshop file is read back: lost counts "
            "acknowledged submissions missing from it.\n"
        )
        for report in reports:
            print_table(report)
    checked = [row for r in reports for row in r["cases"] if row["lost"] is not None]
    fine = all(row["lost"] == 0 for row in checked)
    return (
        0 if fine and all(row["errors"] == 0 for row in checked if "hostile" in row["case"]) else 1
    )


if __name__ == "__main__":
    sys.exit(main())
