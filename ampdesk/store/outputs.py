"""Files ampdesk writes appear whole or not at all, and never in place of what was read.

Each output is written beside its target under a temporary name, synced to the disk, then
renamed; a kill or a full disk leaves the old file (or none) and at most a hidden
``.NAME.*.partial`` that the next write of the same name does not need. A new workshop gets
its name only if no file has it (a link, which cannot replace). No output replaces the file a
command reads, nor any workshop (or other SQLite database) it was not asked to create.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from ampdesk.store.file_header import WorkshopFileError
from ampdesk.store.private import OWNER_ONLY

_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputError(ValueError):
    """An output that would replace an input or a workshop; the message is one line."""


def holds_database(path: Path) -> bool:
    """Whether ``path`` is a workshop file or another SQLite database (by name or content)."""
    if path.suffix == ".ampdesk":
        return path.exists()
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def refuse_overwrite(target: Path, *inputs: Path) -> None:
    """Refuse to write ``target`` if it is one of ``inputs`` (also through a link) or holds a
    workshop or other database; both leave ``target`` as it is."""
    for source in inputs:
        with contextlib.suppress(OSError):
            if target.samefile(source):
                raise OutputError(
                    f"{target.name}: this is the file being read; write to another file"
                )
    if target.is_dir():
        raise OutputError(f"{target.name}: a folder; name a file to write")
    for suffix in (*_SIDE_SUFFIXES, "-lock"):
        # a database's log, shared memory, journal or writer lock: replacing one loses saved
        # edits or lets a second writer in, while its database looks untouched
        owner = target.with_name(target.name.removesuffix(suffix))
        if target.name.endswith(suffix) and holds_database(owner):
            raise OutputError(
                f"{target.name}: belongs to the workshop {owner.name} and is not replaced; "
                "choose another name"
            )
    if holds_database(target):
        raise OutputError(
            f"{target.name}: holds a workshop (or another database) and is not replaced; "
            "choose another name"
        )


def _sync(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _give_new_name(temporary: Path, target: Path) -> None:
    """Name ``temporary`` ``target`` unless a file has that name already."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise WorkshopFileError(f"{target.name}: a file with this name exists already") from None
    except OSError as exc:  # a file system without links (FAT): check, then rename
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if target.exists():
            raise WorkshopFileError(
                f"{target.name}: a file with this name exists already"
            ) from None
        os.rename(temporary, target)


@contextlib.contextmanager
def whole_file(target: Path, *, new: bool = False, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` to write; when the block ends without error
    it is synced and renamed to ``target`` (``new``: only if no file has that name yet).
    An error leaves ``target`` as it was and removes the temporary file.

    ``private``: the file can hold individual pay (a workshop file, a JSON export with pay,
    a confidential PDF, a picture of a pay page). It is then written inside a new folder that
    only its owner can enter (0700), so no byte is readable by others while it is written
    (whatever mode the writer or SQLite gives it), and it is made readable and writable by its
    owner only (0600) before it gets its name. Every such file ampdesk writes comes here."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    if private:
        os.mkdir(partial, 0o700)
        temporary = partial / target.name
    else:
        temporary = partial
    try:
        yield temporary
        if private:
            os.chmod(temporary, OWNER_ONLY)
        _sync(temporary)
        if new:
            _give_new_name(temporary, target)
        else:
            os.replace(temporary, target)
        _sync(target.parent)
    finally:
        for path in (temporary, *(Path(f"{temporary}{s}") for s in _SIDE_SUFFIXES)):
            path.unlink(missing_ok=True)
        if private:
            with contextlib.suppress(OSError):
                partial.rmdir()
