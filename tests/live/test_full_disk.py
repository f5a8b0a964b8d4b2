"""A full disk under the live server: phones are answered 503 with Retry-After, the server
logs one line per failed write (no traceback) and goes on; with room again, the same key
is stored once. Run on a real 2 MB tmpfs mounted in a private namespace."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

_SCRIPT = """
import json, sys
from pathlib import Path
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import create_workshop
from tests.live.client import LiveProcess, new_key
disk = Path(sys.argv[1])
path = disk / "live.ampdesk"
with create_workshop(path, "Full disk") as workshop:
    LiveStore(workshop).set_phones_per_address(100)
server = LiveProcess(path, "--step", "purpose")
phone = server.phone()
note = {"activity": "purpose", "kind": "story", "text": "Before the disk filled"}
seen = {"before": phone.submit("notes", note).status}
filler = open(disk / "filler", "wb", buffering=0)
try:
    while True:
        filler.write(b"x" * 512)
except OSError:
    pass
key = new_key()
full = [phone.submit("notes", {**note, "text": f"Story {i}"}, key) for i in range(5)]
seen["full"] = [[r.status, r.headers.get("retry-after"), r.data] for r in full]
filler.close()
(disk / "filler").unlink()
seen["after"] = phone.submit("notes", {**note, "text": "Story 0"}, key).status
seen["again"] = phone.submit("notes", {**note, "text": "Story 0"}, key).status
server.stop()
seen["log"] = server.process.stderr.read()
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_a_full_disk_is_503_with_retry_after_and_one_log_line(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare to mount a small file system")
    root = Path(__file__).parents[2]
    disk = tmp_path / "disk"
    disk.mkdir()
    result = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            f'mount -t tmpfs -o size=2m tmpfs {disk} && {sys.executable} -c "$0" {disk}',
            _SCRIPT,
        ],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    if result.returncode != 0 and "mount" in result.stderr and "Traceback" not in result.stderr:
        pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["before"] == 201
    for status, retry_after, body in seen["full"]:
        assert (status, retry_after) == (503, "30")
        assert "no disk space" in body["error"]
    assert (seen["after"], seen["again"]) == (201, 201)
    failures = [line for line in seen["log"].splitlines() if "could not be written" in line]
    assert failures and all("the disk is full" in line for line in failures)
    assert "Traceback" not in seen["log"]
