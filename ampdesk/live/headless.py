"""``ampdesk live FILE --headless``: serve the participant page until SIGINT or SIGTERM.

Prints one JSON line (``url``, ``join_url``, ``code``, ``host``, ``port``) once it listens.
With ``--events`` it also prints ``{"event": "changed"}`` (at most four times a second) after
phones changed the file, and stops when its standard input closes: the desktop app runs this
command, refreshes on those lines, and if the app ends without stopping it (a crash), the
server still stops and commits instead of serving on.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from ampdesk.framework.live import for_step
from ampdesk.live.server import LiveServer
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import open_workshop

EVENT_INTERVAL = 0.25


def serve(
    path: Path,
    host: str,
    port: int,
    step: str | None,
    events: bool,
    phones_per_address: int | None = None,
) -> int:
    """Run the participant server on the workshop at ``path``; returns the exit status.
    ``phones_per_address`` is kept as the workshop's setting."""
    with open_workshop(path, writer="ampdesk live") as workshop:
        if phones_per_address is not None:
            LiveStore(workshop).set_phones_per_address(phones_per_address)
        asyncio.run(_serve(LiveServer(workshop), host, port, step, events))
    return 0


async def _serve(server: LiveServer, host: str, port: int, step: str | None, events: bool) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    pending: list[asyncio.TimerHandle] = []
    announced = [-EVENT_INTERVAL]

    def announce() -> None:
        pending.clear()
        announced[0] = loop.time()
        _print({"event": "changed"})

    def changed() -> None:
        """Announce at once, unless the last announcement was less than EVENT_INTERVAL ago:
        then once at the end of that interval, for everything that came meanwhile."""
        if not events or pending:
            return
        wait = announced[0] + EVENT_INTERVAL - loop.time()
        if wait <= 0:
            announce()
        else:
            pending.append(loop.call_later(wait, announce))

    server.on_change = changed
    if events:
        stdin = sys.stdin.fileno()

        def stdin_ready() -> None:
            if not os.read(stdin, 4096):  # end of file: the app is gone
                loop.remove_reader(stdin)
                stop.set()

        loop.add_reader(stdin, stdin_ready)
    if step is not None:
        await asyncio.to_thread(server.store.set_state, for_step(step))
    bound = await server.start(host, port)
    url = f"http://{_url_host(host)}:{bound}/"
    _print(
        {
            "url": url,
            "join_url": f"{url}#{server.code}",
            "code": server.code,
            "host": host,
            "port": bound,
        }
    )
    try:
        await stop.wait()
    finally:
        await server.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _print(data: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()
