"""The built wheel carries resources/ and the licence, and an installed (non-editable) app finds
its resources."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("ampdesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ampdesk/resources/framework/steps.toml" in names
    assert "ampdesk/resources/icons/ampdesk.svg" in names
    (licence,) = [name for name in names if name.endswith(".dist-info/licenses/LICENSE")]
    assert b"MIT License" in zipfile.ZipFile(wheel).read(licence)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    script = (
        "import ampdesk.resources_path as r, ampdesk.framework.content as c;"
        "print(r.resources_dir()); print(len(c.load_framework().steps))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=outside, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    folder, steps = result.stdout.split()
    assert Path(folder) == target / "ampdesk" / "resources"
    assert steps == "4"
