"""Outputs never overwrite a workshop: every command that writes a .ampdesk refuses a target
that exists, and leaves it byte for byte as it was."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from ampdesk.demo import write_demo
from ampdesk.store.exchange import dumps, export_data
from ampdesk.store.file_copy import copy_database
from ampdesk.store.file_header import inspect
from ampdesk.store.outputs import OutputError
from ampdesk.store.workshop_file import create_workshop, open_workshop
from tests.cli.runner import ampdesk


@pytest.mark.slow
def test_no_command_replaces_an_existing_workshop(tmp_path: Path) -> None:
    write_demo(tmp_path / "source.ampdesk").close()
    create_workshop(tmp_path / "other.ampdesk", "Another team's workshop").close()
    target = tmp_path / "other.ampdesk"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    exported = ampdesk("export", "source.ampdesk", "--format", "json", "-o", "w.json", cwd=tmp_path)
    assert exported.returncode == 0
    for command in (
        ["handover", "source.ampdesk", "-o", "other.ampdesk"],
        ["handover", "source.ampdesk", "-o", "other.ampdesk", "--without-individual-pay"],
        ["import-json", "w.json", "other.ampdesk"],
        ["new", "other.ampdesk"],
        ["demo", "other.ampdesk"],
    ):
        result = ampdesk(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert "exists already" in result.stderr and result.stderr.count("\n") == 1, command
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_no_export_or_document_replaces_what_it_reads(tmp_path: Path) -> None:
    """The fault review's first finding: ``export -o`` onto the workshop replaced it with JSON."""
    write_demo(tmp_path / "w.ampdesk").close()
    create_workshop(tmp_path / "other.ampdesk", "Another team's workshop").close()
    (tmp_path / "link.json").symlink_to(tmp_path / "w.ampdesk")
    (tmp_path / "w.pdf").symlink_to(tmp_path / "w.ampdesk")
    before = {name: _digest(tmp_path / name) for name in ("w.ampdesk", "other.ampdesk")}
    for command in (
        ["export", "w.ampdesk", "--format", "json", "-o", "w.ampdesk"],
        ["export", "w.ampdesk", "--format", "json", "-o", "w.ampdesk", "--without-individual-pay"],
        ["export", "w.ampdesk", "--format", "json", "-o", "other.ampdesk"],
        ["export", "w.ampdesk", "--format", "json", "-o", "link.json"],
        ["report", "w.ampdesk", "-o", "w.pdf"],
        ["template", "w.ampdesk", "-o", "link.json"],
    ):
        result = ampdesk(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, command
    assert {name: _digest(tmp_path / name) for name in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "link.json",
        "other.ampdesk",
        "w.ampdesk",
        "w.pdf",
    ]


def test_save_as_onto_the_open_workshop_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.ampdesk"
    write_demo(path).close()
    before = _digest(path)
    with pytest.raises(OutputError, match="this is the open workshop"):
        copy_database(path, path)
    assert _digest(path) == before


def _big_export(tmp_path: Path, notes: int) -> Path:
    write_demo(tmp_path / "demo.ampdesk").close()
    with open_workshop(tmp_path / "demo.ampdesk") as workshop:
        data = export_data(workshop)
    rows = data["tables"]["note"]
    first = max(row["id"] for row in rows) + 1
    rows += [
        {**rows[0], "id": first + n, "merged_into_id": None, "text": f"Note {n} " + "x" * 200}
        for n in range(notes)
    ]
    path = tmp_path / "big.json"
    path.write_text(dumps(data), encoding="utf-8")
    return path


def _notes_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM note").fetchone()[0])


@pytest.mark.slow
def test_killed_imports_leave_nothing_or_the_whole_workshop(tmp_path: Path) -> None:
    """20 SIGKILLs spread over an import of 30,000 notes: the target is absent or whole,
    never the empty workshop titled "import" that the review found after 10 of 20 kills."""
    source = _big_export(tmp_path, 30_000)
    command = [sys.executable, "-m", "ampdesk", "import-json", str(source)]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "whole.ampdesk")], check=True, capture_output=True)
    duration = time.monotonic() - started
    expected = _notes_in(tmp_path / "whole.ampdesk")
    outcomes = {"nothing": 0, "whole": 0}
    for run in range(20):
        target = tmp_path / f"k{run}.ampdesk"
        process = subprocess.Popen([*command, str(target)], stderr=subprocess.DEVNULL)
        time.sleep(duration * (run + 0.5) / 20)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if target.exists():
            inspect(target)
            assert _notes_in(target) == expected
            outcomes["whole"] += 1
        else:
            outcomes["nothing"] += 1
    assert outcomes["nothing"] > 0, outcomes  # some kills did land during the import


_FULL_DISK = """
import json, os, sys
from pathlib import Path
from ampdesk.store.file_header import inspect
from ampdesk.store.exchange import export_json
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk
disk = Path(sys.argv[1])
seen = {}
workshop = open_workshop(disk / "w.ampdesk")
WorkshopStore(workshop).details.get()  # connected: its log and index exist before the disk fills
def fill(name):
    with open(disk / name, "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"x" * 512)
        except OSError:
            pass
fill("filler")
for name, command in {
    "new": ["new", "n.ampdesk"],
    "demo": ["demo", "d.ampdesk"],
    "import-json": ["import-json", str(disk.parent / "w.json"), "i.ampdesk"],
}.items():
    result = ampdesk(*command, cwd=disk)
    seen[name] = [result.returncode, result.stderr.strip()]
try:
    export_json(workshop, disk / "x.json")
except OSError as exc:
    seen["export"] = [exc.errno, ""]
workshop.close()
for side in ("-wal", "-shm"):  # what an interrupted read leaves on a full disk
    Path(f"{disk / 'w.ampdesk'}{side}").write_bytes(b"")
fill("filler2")  # closing freed the log's room
inspect(disk / "w.ampdesk")
seen["files"] = sorted(p.name for p in disk.iterdir())
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_a_full_disk_leaves_old_state_or_nothing(tmp_path: Path) -> None:
    """On a real 1 MB file system (tmpfs, mounted in a private namespace): creating commands
    leave no file, an export leaves none, and an empty log beside a whole file (as an
    interrupted read leaves it) does not make the file look damaged."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare to mount a small file system")
    disk = tmp_path / "disk"
    disk.mkdir()
    write_demo(tmp_path / "w.ampdesk").close()
    ampdesk("export", "w.ampdesk", "--format", "json", "-o", "w.json", cwd=tmp_path)
    root = Path(__file__).parents[2]
    script = (
        f"mount -t tmpfs -o size=1m tmpfs {disk} && cp {tmp_path / 'w.ampdesk'} {disk}/ && "
        f'{sys.executable} -c "$0" {disk}'
    )
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, _FULL_DISK],
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
    for name in ("new", "demo", "import-json"):
        code, message = seen[name]
        assert code == 2 and "not enough disk space" in message and "\n" not in message, name
    assert seen["export"] == [errno.ENOSPC, ""]
    assert seen["files"] == ["filler", "filler2", "w.ampdesk", "w.ampdesk-shm", "w.ampdesk-wal"]
