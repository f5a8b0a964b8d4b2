"""Reading files someone sent (pay spreadsheets, CSV exports) within limits.

Only regular files are read (a FIFO, ``/dev/zero`` or a device, also behind a link, is
refused before it is opened for reading); a file is read up to a byte limit; a zip archive
(.xlsx, .ods) is judged by its central directory, then its worksheets are unpacked as a stream
whose real size and cell references are counted, all before a spreadsheet library allocates
anything. The library itself then runs in a child process with a memory and CPU limit, so that
even a file these checks miss ends in a one-line error, never in the caller's abort.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import stat
import zipfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

MAX_ENTRIES = 10_000  # files inside one archive
MAX_UNPACKED = 200 * 1024 * 1024  # bytes of all entries, unpacked
MAX_RATIO = 200  # unpacked / packed size of one entry (text compresses about 10-30 times)
MAX_CELLS = 10_000_000  # the rectangle a worksheet spans (rows x columns)
CHILD_MEMORY = 4 * 1024**3  # address space of the child that parses (bytes)
CHILD_CPU_SECONDS = 60
CHILD_WAIT_SECONDS = 120

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,9})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,9})"')
_CHUNK = 1024 * 1024


class UntrustedFileError(ValueError):
    """A file that is refused or could not be read within the limits; one line."""


def check_regular(path: Path) -> int:
    """The size of ``path`` if it is a regular file (links followed), else refused."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UntrustedFileError(f"{path.name}: no such file") from None
    if stat.S_ISDIR(info.st_mode):
        raise UntrustedFileError(f"{path.name}: a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UntrustedFileError(f"{path.name}: not a regular file (a pipe or a device)")
    return info.st_size


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, refused above ``max_bytes``. The file is opened
    without blocking and checked again once open (it cannot turn into a pipe meanwhile)."""
    check_regular(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UntrustedFileError(f"{path.name}: not a regular file (a pipe or a device)")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UntrustedFileError(f"{path.name}: larger than {max_bytes // (1024 * 1024)} MB")
    return data


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _worksheet_cells(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int) -> int:
    """Unpack one worksheet as a stream, refused beyond ``budget`` bytes or when its cell
    references span more than :data:`MAX_CELLS`; returns the bytes it unpacked."""
    rows = columns = 0
    used = 0
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            used += len(chunk)
            if used > budget:
                raise UntrustedFileError(f"unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB")
            text = tail + chunk
            for letters, number in _CELL_REF.findall(text):
                columns = max(columns, _column_number(letters))
                rows = max(rows, int(number))
            for number in _ROW_REF.findall(text):
                rows = max(rows, int(number))
            tail = text[-64:]
    if rows * columns > MAX_CELLS:
        raise UntrustedFileError(
            f"the sheet spans {rows:,} rows x {columns:,} columns; at most "
            f"{MAX_CELLS:,} cells are read"
        )
    return used


def check_archive(path: Path) -> None:
    """Judge a zip-based spreadsheet before any library reads it: the number of entries,
    their declared and real unpacked sizes, and the cells each worksheet spans."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise UntrustedFileError(f"holds more than {MAX_ENTRIES:,} files")
            declared = sum(e.file_size for e in entries)
            if declared > MAX_UNPACKED:
                raise UntrustedFileError(f"unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB")
            for entry in entries:
                if entry.file_size > MAX_RATIO * max(entry.compress_size, 1024):
                    raise UntrustedFileError(
                        f"{entry.filename} is packed more tightly than any spreadsheet "
                        "(a zip bomb?)"
                    )
            budget = MAX_UNPACKED
            for entry in entries:
                if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                    budget -= _worksheet_cells(archive, entry, budget)
    except UntrustedFileError as exc:
        raise UntrustedFileError(f"{path.name}: {exc}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        if zipfile.is_zipfile(path):
            raise UntrustedFileError(f"{path.name}: a damaged archive ({exc})") from None
        # not a zip archive (an old .xls): left to the library in its child process


def _limit_this_process() -> None:
    import resource

    for limit, value in (
        (resource.RLIMIT_AS, CHILD_MEMORY),
        (resource.RLIMIT_CPU, CHILD_CPU_SECONDS),
    ):
        _soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(limit, (value, hard))


def _child(conn: Connection, work: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _limit_this_process()
    try:
        conn.send(("ok", work(*args)))
    except MemoryError:
        conn.send(("error", "needs more memory than a file of its kind may"))
    except Exception as exc:  # sent back whole: the caller raises it as its own
        conn.send(("raise", exc))
    finally:
        conn.close()


def in_child(name: str, work: Callable[..., Any], *args: Any) -> Any:
    """``work(*args)`` run in a fresh child process under memory and CPU limits; its
    exceptions are raised here; a child that dies or takes too long gives
    :class:`UntrustedFileError` naming ``name``. ``work`` must be a module-level function."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(CHILD_WAIT_SECONDS):
            raise UntrustedFileError(
                f"{name}: not read within {CHILD_WAIT_SECONDS} seconds; is it a spreadsheet?"
            )
        kind, value = receive.recv()
    except EOFError:
        child.join()
        raise UntrustedFileError(
            f"{name}: could not be read within the limits (the reader stopped, "
            f"exit {child.exitcode}); save it again from the spreadsheet program"
        ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "raise":
        raise value
    if kind == "error":
        raise UntrustedFileError(f"{name}: {value}")
    return value
