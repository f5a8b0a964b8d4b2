"""Pay files someone sent are read within limits: the review's abort (a 4.7 KB sparse
spreadsheet asking for 512 GB), deflate bombs, a FIFO and /dev/zero each give one line, and a
file the checks miss cannot take the caller down (the library runs in a limited child)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ampdesk.framework import pay_import
from ampdesk.framework.pay_import import PayImportError, read_pay_source, sheet_names
from ampdesk.framework.untrusted_files import UntrustedFileError, in_child
from tests.framework.spreadsheets import write_bomb_xlsx, write_sparse_xlsx, write_xlsx


def _hostile(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each hostile file and the words its one-line refusal holds."""
    write_sparse_xlsx(folder / "sparse.xlsx")
    write_bomb_xlsx(folder / "bomb.xlsx", 300)  # 300 MB in about 300 KB
    write_bomb_xlsx(folder / "tight.xlsx", 60)  # within the size, packed 1000 to 1
    os.mkfifo(folder / "pipe.csv")
    (folder / "zero.csv").symlink_to("/dev/zero")
    (folder / "zero.xlsx").symlink_to("/dev/zero")
    return {
        "sparse": (folder / "sparse.xlsx", "1,048,576 rows x 16,384 columns"),
        "bomb": (folder / "bomb.xlsx", "unpacks to more than 200 MB"),
        "tight": (folder / "tight.xlsx", "packed more tightly than any spreadsheet"),
        "fifo": (folder / "pipe.csv", "not a regular file"),
        "zero": (folder / "zero.csv", "not a regular file"),
        "zero-sheet": (folder / "zero.xlsx", "not a regular file"),
    }


@pytest.mark.slow
def test_hostile_pay_files_give_one_line_each(tmp_path: Path) -> None:
    for name, (path, words) in _hostile(tmp_path).items():
        with pytest.raises(PayImportError, match=words) as caught:
            read_pay_source(path)
        assert "\n" not in str(caught.value), name
        if path.suffix == ".xlsx":
            with pytest.raises(PayImportError, match=words):
                sheet_names(path)


@pytest.mark.slow
def test_the_command_refuses_them_with_exit_2(tmp_path: Path) -> None:
    from tests.cli.runner import ampdesk

    ampdesk("new", "w.ampdesk", cwd=tmp_path)
    for name, (path, words) in _hostile(tmp_path).items():
        result = ampdesk("import-pay", "w.ampdesk", str(path), cwd=tmp_path)
        assert (result.returncode, result.stderr.count("\n")) == (2, 1), name
        assert words in result.stderr, name


def test_an_abort_in_the_library_is_one_line_for_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the checks before it, the sparse file makes the library abort (as it did the
    whole process in the review): in its child process that is one line here."""
    write_sparse_xlsx(tmp_path / "sparse.xlsx")
    monkeypatch.setattr(pay_import, "check_archive", lambda _path: None)
    with pytest.raises(PayImportError, match="could not be read within the limits"):
        read_pay_source(tmp_path / "sparse.xlsx")


def test_the_child_passes_results_and_errors_back(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "pay.xlsx",
        {
            "Pay": [
                ["role", "level", "work_type", "pay", "market_median"],
                ["Dev", "L1", "routine", 5e4, 52000],
            ]
        },
    )
    assert len(read_pay_source(tmp_path / "pay.xlsx").rows) == 1
    with pytest.raises(PayImportError, match="no sheet named 'Other'"):
        read_pay_source(tmp_path / "pay.xlsx", "Other")
    with pytest.raises(UntrustedFileError, match="x: could not be read"):
        in_child("x", os.abort)


def test_python_dash_m_ampdesk_runs_no_command_in_the_child() -> None:
    """The child imports the parent's main module: ``python -m ampdesk`` must not run the
    command again there (it would print its usage instead of reading the file)."""
    result = subprocess.run(
        [sys.executable, "-c", "import ampdesk.__main__"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
