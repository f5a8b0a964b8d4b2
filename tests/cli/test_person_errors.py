"""Every error a person can cause is one line on stderr and exit status 2, for every command:
a read-only file or folder, a missing output folder, a lock held by another program, a full
disk, damaged bytes in stored text, numbers out of range. Each case runs the real command
line (``ampdesk.cli.main``) in a separate process; read-only files and full disks are real
(a read-only bind mount and a small tmpfs in a private mount namespace)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ampdesk.demo import write_demo

DRIVER = """
import contextlib, io, json, sys, traceback
from ampdesk.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            code = main(argv)
            crash = None
        except SystemExit as exc:
            code, crash = exc.code, None
        except BaseException:
            code, crash = None, traceback.format_exc()
    results.append({"argv": argv, "code": code, "stderr": err.getvalue(), "crash": crash,
                    "stdout": out.getvalue()})
print(json.dumps(results))
"""


def commands(folder: Path) -> list[list[str]]:
    """Every command that reads or writes a workshop, on ``folder/w.ampdesk``."""
    w = str(folder / "w.ampdesk")
    out = folder / "out"
    return [
        ["check", w],
        ["check", "--json", w],
        ["report", w, "-o", str(out / "r.pdf")],
        ["report", w, "--include-individual-pay", "-o", str(out / "ri.pdf")],
        ["plan", w, "-o", str(out / "p.pdf")],
        ["followup-report", w, "-o", str(out / "f.pdf")],
        ["export", w, "--format", "json", "-o", str(out / "w.json")],
        ["import-json", str(folder / "in.json"), str(out / "imported.ampdesk")],
        ["import-pay", w, str(folder / "pay.csv")],
        ["settings", w],
        ["settings", w, "--set", "attention_spread=1.4"],
        ["template", w, "-o", str(out / "t.json")],
        ["handover", w, "-o", str(out / "copy.ampdesk")],
        ["new", str(out / "new.ampdesk")],
        ["demo", str(out / "demo.ampdesk")],
        ["export", w, "--format", "csv", "-o", str(out / "csv")],  # makes its folder: last
    ]


def _prepare(folder: Path) -> None:
    write_demo(folder / "w.ampdesk").close()
    (folder / "pay.csv").write_text(
        "role,level,work_type,pay,market_median\nDev,L1,creative,50000,52000\n", "utf-8"
    )
    export = subprocess.run(
        [
            sys.executable,
            "-m",
            "ampdesk",
            "export",
            str(folder / "w.ampdesk"),
            "--format",
            "json",
            "-o",
            str(folder / "in.json"),
        ],
        capture_output=True,
    )
    assert export.returncode == 0


def _run(
    folder: Path,
    prefix: list[str] | None = None,
    env: dict[str, str] | None = None,
    argvs: list[list[str]] | None = None,
) -> list[dict[str, object]]:
    result = subprocess.run(
        [*(prefix or []), sys.executable, "-c", DRIVER, json.dumps(argvs or commands(folder))],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _one_line_or_fine(results: list[dict[str, object]]) -> dict[str, list[str]]:
    """Assert the promise for every command; return the refusals by command."""
    refused: dict[str, list[str]] = {}
    for r in results:
        argv = " ".join(r["argv"])  # type: ignore[arg-type]
        assert r["crash"] is None, f"{argv}: {r['crash']}"
        assert "Traceback" not in str(r["stderr"]), argv
        assert r["code"] in (0, 2), f"{argv}: exit {r['code']}: {r['stderr']}"
        if r["code"] == 2:
            lines = str(r["stderr"]).splitlines()
            assert len(lines) == 1, f"{argv}: {r['stderr']}"
            refused[argv] = lines
        assert "NaN" not in str(r["stdout"]) and "Infinity" not in str(r["stdout"]), argv
    return refused


def _unshare_works() -> bool:
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


needs_unshare = pytest.mark.skipif(not _unshare_works(), reason="no user namespaces here")


def _read_only(paths: list[Path]) -> list[str]:
    mounts = " && ".join(
        f"mount --bind '{p}' '{p}' && mount -o remount,ro,bind '{p}'" for p in paths
    )
    return ["unshare", "-rm", "sh", "-c", f'{mounts} && exec "$@"', "sh"]


@pytest.mark.slow
@needs_unshare
def test_read_only_workshop_file(tmp_path: Path) -> None:
    _prepare(tmp_path)
    (tmp_path / "out").mkdir()
    refused = _one_line_or_fine(_run(tmp_path, _read_only([tmp_path / "w.ampdesk"])))
    writers = [a for a in refused if a.startswith(("import-pay", "settings"))]
    assert len(writers) == 2 and all("read-only" in refused[a][0] for a in writers)
    assert not [a for a in refused if a.startswith(("check", "report", "plan", "export"))]


@pytest.mark.slow
@needs_unshare
def test_read_only_folder(tmp_path: Path) -> None:
    _prepare(tmp_path)
    (tmp_path / "out").mkdir()
    refused = _one_line_or_fine(_run(tmp_path, _read_only([tmp_path])))
    assert any(a.startswith("settings") and "--set" in a for a in refused)
    assert all("read-only" in lines[0] for lines in refused.values()), refused


@pytest.mark.slow
def test_missing_output_folder(tmp_path: Path) -> None:
    _prepare(tmp_path)  # no out/ folder
    refused = _one_line_or_fine(_run(tmp_path))
    for argv in refused:
        assert "no such" in refused[argv][0], refused[argv]
    assert any(a.startswith("handover") for a in refused)


@pytest.mark.slow
def test_lock_held_by_another_program(tmp_path: Path) -> None:
    _prepare(tmp_path)
    (tmp_path / "out").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-m", "ampdesk", "live", str(tmp_path / "w.ampdesk"), "--headless"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline()
        refused = _one_line_or_fine(_run(tmp_path))
    finally:
        holder.terminate()
        holder.wait(timeout=30)
    writers = sorted(a for a in refused if a.startswith(("import-pay", "settings")))
    assert len(writers) == 2
    for argv in writers:
        assert f"open in ampdesk live (process {holder.pid}" in refused[argv][0]
    assert not [a for a in refused if a.startswith(("check", "report", "export"))]


@pytest.mark.slow
@needs_unshare
def test_full_disk(tmp_path: Path) -> None:
    """Outputs written to a 64 KiB tmpfs (the workshop itself stays on the normal disk)."""
    _prepare(tmp_path)
    (tmp_path / "out").mkdir()
    prefix = [
        "unshare",
        "-rm",
        "sh",
        "-c",
        f"mount -t tmpfs -o size=64k tmpfs '{tmp_path / 'out'}' && "
        f"head -c 60000 /dev/zero > '{tmp_path / 'out' / 'filler'}' && exec \"$@\"",
        "sh",
    ]
    if not _unshare_works():
        pytest.skip("no user namespaces")
    refused = _one_line_or_fine(_run(tmp_path, prefix))
    assert any("not enough disk space" in lines[0] for lines in refused.values()), refused


def _flip_text_bytes(path: Path) -> None:
    """Put bytes that are not UTF-8 into stored text, as a flipped bit on disk does."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE note SET text = CAST(X'4F6BFF20C3' AS TEXT) WHERE id = 1")
        conn.execute("UPDATE workshop SET title = CAST(X'54C3' AS TEXT)")
        conn.commit()


@pytest.mark.slow
def test_bad_bytes_in_stored_text(tmp_path: Path) -> None:
    _prepare(tmp_path)
    (tmp_path / "out").mkdir()
    _flip_text_bytes(tmp_path / "w.ampdesk")
    refused = _one_line_or_fine(_run(tmp_path))
    assert not [a for a in refused if a.startswith(("check", "report", "plan", "export"))]


def _huge_pay(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE pay_record SET pay = 1e308 WHERE id = 1")
        conn.execute("UPDATE pay_record SET market_median = 9e307 WHERE id = 2")
        conn.commit()


@pytest.mark.slow
def test_numbers_out_of_range(tmp_path: Path) -> None:
    _prepare(tmp_path)
    (tmp_path / "out").mkdir()
    _huge_pay(tmp_path / "w.ampdesk")
    (tmp_path / "pay.csv").write_text(
        "role,level,work_type,pay,market_median\nDev,L1,creative,1e308,52000\n", "utf-8"
    )
    data = json.loads((tmp_path / "in.json").read_text("utf-8"))
    data["tables"]["pay_record"][0]["pay"] = 1e300
    (tmp_path / "in.json").write_text(json.dumps(data), "utf-8")
    refused = _one_line_or_fine(_run(tmp_path))
    assert "10^12" in refused[f"import-pay {tmp_path / 'w.ampdesk'} {tmp_path / 'pay.csv'}"][0]
    assert any(a.startswith("import-json") for a in refused)
