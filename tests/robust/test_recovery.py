"""Files SQLite can recover are opened with their newer data; refused files are never touched;
read-only files open read-only without side files; upgrades survive a full disk."""

import hashlib
import json
import shutil
import sqlite3
import struct
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from ampdesk.store.file_header import inspect
from ampdesk.store.migrations import SCHEMA_VERSION
from ampdesk.store.upgrade import backup_path
from ampdesk.store.workshop_file import (
    APPLICATION_ID,
    WorkshopFileError,
    create_workshop,
    open_workshop,
)
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_WAL_HEADER, _FRAME_HEADER = 32, 24


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _crashed_copy(tmp_path: Path, keep_shm: bool) -> Path:
    """A workshop as a crash left it: the main file and a -wal holding newer actions."""
    live = tmp_path / "live" / "w.ampdesk"
    live.parent.mkdir()
    create_workshop(live, "Crash").close()
    workshop = open_workshop(live)
    repo = WorkshopStore(workshop)
    for i in range(30):
        repo.actions.add("autonomy", f"Newer action {i}", "Ana")
    target = tmp_path / "w.ampdesk"
    suffixes = ["", "-wal"] + (["-shm"] if keep_shm else [])
    for suffix in suffixes:  # copied while the writer has it open: what a power cut leaves
        shutil.copyfile(f"{live}{suffix}", f"{target}{suffix}")
    workshop.close()
    return target


def _half_checkpoint(path: Path) -> None:
    """Copy the pages of the first half of the log's frames into the main file, as a
    checkpoint interrupted half way does."""
    wal = Path(f"{path}-wal").read_bytes()
    (page_size,) = struct.unpack_from(">I", wal, 8)
    frames = (len(wal) - _WAL_HEADER) // (_FRAME_HEADER + page_size)
    assert frames > 4
    with path.open("r+b") as main:
        for frame in range(frames // 2):
            start = _WAL_HEADER + frame * (_FRAME_HEADER + page_size)
            (page,) = struct.unpack_from(">I", wal, start)
            main.seek((page - 1) * page_size)
            main.write(wal[start + _FRAME_HEADER : start + _FRAME_HEADER + page_size])


@pytest.mark.slow
@pytest.mark.parametrize("keep_shm", [False, True])
def test_crash_in_checkpoint_opens_with_the_newer_data(tmp_path: Path, keep_shm: bool) -> None:
    path = _crashed_copy(tmp_path, keep_shm)
    _half_checkpoint(path)
    result = ampdesk("check", "--json", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)
    with open_workshop(path) as workshop:
        titles = [a.title for a in WorkshopStore(workshop).actions.all()]
    assert titles == [f"Newer action {i}" for i in range(30)]


def _only_in_the_log(tmp_path: Path, change: str) -> Path:
    """A workshop as a power cut left it, without its -shm: what ``change`` wrote is only in
    the -wal (the main file alone holds the older state, or nothing of the workshop)."""
    live = tmp_path / "live" / "w.ampdesk"
    live.parent.mkdir()
    target = tmp_path / "w.ampdesk"
    with create_workshop(live, "Only in the log") as workshop:  # nothing checkpointed yet
        if change == "newer schema":
            with closing(sqlite3.connect(live)) as conn:
                conn.execute("PRAGMA wal_autocheckpoint = 0")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
                conn.commit()
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{live}{suffix}", f"{target}{suffix}")
        assert workshop  # closed (and checkpointed) only after the copy
    return target


@pytest.mark.slow
def test_a_newer_schema_only_in_the_log_is_refused_as_newer(tmp_path: Path) -> None:
    """The file is judged as SQLite recovers it (store/file_header.py copies the log beside
    the private copy): the main file alone would pass as an intact workshop."""
    path = _only_in_the_log(tmp_path, "newer schema")
    files = {p.name: _digest(p) for p in tmp_path.iterdir() if p.is_file()}
    result = ampdesk("check", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "written by a newer ampdesk" in result.stderr, result.stderr
    with pytest.raises(WorkshopFileError, match="newer ampdesk"):
        open_workshop(path)
    assert {p.name: _digest(p) for p in tmp_path.iterdir() if p.is_file()} == files


@pytest.mark.slow
def test_a_workshop_whose_rows_are_only_in_the_log_is_read_from_it(tmp_path: Path) -> None:
    """Tables and rows written only to the log: the main file alone is no workshop."""
    path = _only_in_the_log(tmp_path, "rows")
    files = {p.name: _digest(p) for p in tmp_path.iterdir() if p.is_file()}
    assert inspect(path) == SCHEMA_VERSION
    assert {p.name: _digest(p) for p in tmp_path.iterdir() if p.is_file()} == files
    result = ampdesk("check", "--json", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["workshop"]["title"] == "Only in the log"


def _foreign_tables_with_our_id(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.close()


def _missing_column(path: Path) -> None:
    create_workshop(path, "x").close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE note DROP COLUMN hidden")
    conn.close()


def _old_schema_missing_table(path: Path) -> None:
    shutil.copy(FIXTURES / "workshop_schema1.ampdesk", path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE vote")
    conn.close()


def _rollback_journal_foreign(path: Path) -> None:
    _foreign_tables_with_our_id(path)
    Path(f"{path}-journal").write_bytes(b"")


@pytest.mark.parametrize(
    "make",
    [
        _foreign_tables_with_our_id,
        _missing_column,
        _old_schema_missing_table,
        _rollback_journal_foreign,
    ],
)
@pytest.mark.slow
def test_a_refused_file_is_never_touched(tmp_path: Path, make: object) -> None:
    path = tmp_path / "bad.ampdesk"
    make(path)  # type: ignore[operator]
    before, files = _digest(path), sorted(p.name for p in tmp_path.iterdir())
    for command in (
        ["check"],
        ["settings", "--set", "attention_spread=1.5"],
        ["live", "--headless"],
    ):
        result = ampdesk(*command, str(path), cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "workshop" in result.stderr
    with pytest.raises(WorkshopFileError):
        open_workshop(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def _read_only_bind(*paths: Path) -> list[str]:
    """A shell prefix that makes ``paths`` read-only for the command (even for root): a
    read-only bind mount in a private mount namespace."""
    mounts = " && ".join(
        f"mount --bind '{p}' '{p}' && mount -o remount,ro,bind '{p}'" for p in paths
    )
    return ["unshare", "-rm", "sh", "-c", f'{mounts} && exec "$@"', "sh"]


def _unshare_works() -> bool:
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


needs_unshare = pytest.mark.skipif(not _unshare_works(), reason="no user namespaces here")


@pytest.mark.slow
@needs_unshare
@pytest.mark.parametrize("with_wal", [False, True])
@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_opens_read_only_and_leaves_no_side_files(
    tmp_path: Path, with_wal: bool, what: str
) -> None:
    import sys

    if with_wal:
        path = _crashed_copy(tmp_path, keep_shm=False)
    else:
        path = tmp_path / "w.ampdesk"
        with create_workshop(path, "Read only") as workshop:
            for i in range(30):
                WorkshopStore(workshop).actions.add("autonomy", f"Newer action {i}", "Ana")
    files = sorted(p.name for p in tmp_path.iterdir())
    before = _digest(path)
    prefix = _read_only_bind(path if what == "file" else tmp_path)
    check = subprocess.run(
        [*prefix, sys.executable, "-m", "ampdesk", "check", "--json", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)
    write = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            "ampdesk",
            "settings",
            str(path),
            "--set",
            "attention_spread=1.5",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert write.returncode == 2
    assert "read-only" in write.stderr and write.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    assert _digest(path) == before


@pytest.mark.slow
def test_upgrade_says_so_and_never_backs_up_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.ampdesk"
    shutil.copy(FIXTURES / "workshop_schema1.ampdesk", path)
    result = ampdesk("check", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "upgraded from schema 1" in result.stdout
    assert json.loads(ampdesk("check", "--json", str(path), cwd=tmp_path).stdout)
    backup = backup_path(path, 1)
    assert backup.exists()
    before = _digest(backup)
    again = ampdesk("check", str(backup), cwd=tmp_path)
    assert again.returncode == 2 and "copy it to a new name" in again.stderr
    assert _digest(backup) == before
    assert not backup_path(backup, 1).exists()


_FULL_DISK_UPGRADE = """
import sys
from pathlib import Path
from ampdesk.cli import main
sys.exit(main(["check", sys.argv[1]]))
"""


def _tmpfs(size_kib: int) -> list[str]:
    return [
        "unshare",
        "-rm",
        "sh",
        "-c",
        f'D="$1" && shift && mount -t tmpfs -o size={size_kib}k tmpfs "$D" && '
        'cp "$SOURCE" "$D/old.ampdesk" && cd "$D" && "$@"; '
        'echo "sha=$(sha256sum "$D/old.ampdesk")"; ls "$D"',
        "sh",
    ]


@pytest.mark.slow
@needs_unshare
def test_upgrade_on_a_full_disk_leaves_the_original(tmp_path: Path) -> None:
    """A real full disk: a small tmpfs mounted in a private namespace, the fixture copied in,
    then the upgrade runs out of space at different points (side files, backup, log) or not."""
    import os
    import sys

    fixture = FIXTURES / "workshop_schema1.ampdesk"
    sha = _digest(fixture)
    outcomes = set()
    for size_kib in (120, 150, 230, 260, 300, 360):
        folder = tmp_path / f"disk{size_kib}"
        folder.mkdir()
        result = subprocess.run(
            [
                *_tmpfs(size_kib),
                str(folder),
                sys.executable,
                "-m",
                "ampdesk",
                "check",
                str(folder / "old.ampdesk"),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE": str(fixture)},
        )
        assert "Traceback" not in result.stderr
        if result.stderr:
            assert result.stderr.count("\n") == 1, result.stderr
            assert "not enough disk space" in result.stderr
            assert f"sha={sha}" in result.stdout  # the original is intact
            outcomes.add("refused")
        else:
            assert "upgraded from schema 1" in result.stdout
            assert "old.ampdesk.schema1-backup" in result.stdout
            outcomes.add("upgraded")
    assert outcomes == {"refused", "upgraded"}
