"""A town hall: 1,000 phones from 1,000 addresses join one server started with a soft limit of
1,024 open files (a common default), all connected at once, and each is heard."""

from __future__ import annotations

import asyncio
import resource
import sqlite3
from pathlib import Path

import aiohttp
import pytest

from ampdesk.store.live import token_hash
from ampdesk.store.workshop_file import create_workshop
from tests.live.client import LiveProcess

PHONES = 1000
DEFAULT_LIMIT = 1024


def _address(number: int) -> str:
    """Phone ``number``'s own loopback address (on Linux all of 127/8 is loopback)."""
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


def _soft_and_hard(pid: int) -> tuple[str, str]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            soft, hard = line.split()[3:5]
            return soft, hard
    raise AssertionError("no open-file limit in /proc")


async def _phone(
    number: int, url: str, code: str, everyone_in: asyncio.Barrier
) -> tuple[int, str, int]:
    """Join, wait until every phone has joined (all connections open), then send an idea on
    the same connection. Returns the join status, the token and the note's status."""
    connector = aiohttp.TCPConnector(limit=1, local_addr=(_address(number), 0))
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as session:
        async with session.post("/api/join", json={"code": code}) as response:
            joined, token = response.status, (await response.json()).get("token", "")
        await everyone_in.wait()
        note = {
            "key": f"town-hall-{number:04d}",
            "activity": "autonomy",
            "kind": "idea",
            "dimension": "how",
            "text": f"Idea from phone {number}",
        }
        headers = {"Authorization": f"Bearer {token}"}
        async with session.post("/api/notes", json=note, headers=headers) as response:
            await response.read()
            return joined, token, response.status


async def _town_hall(url: str, code: str) -> list[tuple[int, str, int]]:
    everyone_in = asyncio.Barrier(PHONES)
    return await asyncio.gather(*(_phone(n, url, code, everyone_in) for n in range(PHONES)))


@pytest.mark.slow
def test_a_thousand_phones_join_at_a_1024_file_limit(tmp_path: Path) -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < 4 * PHONES:
        pytest.skip(f"the hard limit of open files here is {hard}")
    path = tmp_path / "town-hall.ampdesk"
    create_workshop(path, "Town hall").close()  # the default: two phones per address
    own = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this test holds every phone
    server = LiveProcess(path, "--step", "autonomy", open_files=DEFAULT_LIMIT)
    try:
        soft_now, hard_now = _soft_and_hard(server.process.pid)
        results = asyncio.run(_town_hall(server.url.rstrip("/"), server.code))
    finally:
        assert server.stop() == 0
        resource.setrlimit(resource.RLIMIT_NOFILE, own)
    assert soft_now == hard_now  # raised from 1,024 at start-up
    assert [(joined, note) for joined, _, note in results] == [(201, 201)] * PHONES
    with sqlite3.connect(path) as conn:
        hashes = {row[0] for row in conn.execute("SELECT token FROM participant")}
        notes = sorted(row[0] for row in conn.execute("SELECT text FROM note"))
    conn.close()
    assert hashes == {token_hash(token) for _, token, _ in results}
    assert notes == sorted(f"Idea from phone {n}" for n in range(PHONES))
