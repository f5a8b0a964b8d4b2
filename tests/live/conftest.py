"""Each live test gets a new workshop file and a real server process on 127.0.0.1."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import create_workshop
from tests.live.client import LiveProcess


@pytest.fixture
def workshop_path(tmp_path: Path) -> Path:
    """An empty workshop file. Every test phone comes from 127.0.0.1, so it lets many phones
    join from one address (tests/privacy checks the default of two)."""
    path = tmp_path / "live.ampdesk"
    with create_workshop(path, "Live test") as workshop:
        LiveStore(workshop).set_phones_per_address(1000)
    return path


@pytest.fixture
def serve(workshop_path: Path) -> Iterator[Callable[..., LiveProcess]]:
    """Start servers on the workshop (``serve("--step", "fairness")``); all stopped afterwards."""
    started: list[LiveProcess] = []

    def start(*extra: str) -> LiveProcess:
        server = LiveProcess(workshop_path, *extra)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
