"""import-pay then check --json: the documented figures and gate, through the real command."""

import hashlib
import json
from pathlib import Path

import pytest

from ampdesk.store.workshop_file import create_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.cli.runner import ampdesk

HEADER = "Role;Level;Work_type;Pay;Market_median;FTE;Person;Group\n"


def workshop(tmp_path: Path, pay_csv: str, peers: list[int] | None = None) -> Path:
    path = tmp_path / "w.ampdesk"
    with create_workshop(path, "Gate test") as open_file:
        if peers:
            WorkshopStore(open_file).answers.add("fairness", "peers", peers)
    (tmp_path / "pay.csv").write_text(pay_csv, encoding="utf-8")
    result = ampdesk("import-pay", "w.ampdesk", "pay.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return path


def check(tmp_path: Path) -> dict[str, object]:
    result = ampdesk("check", "w.ampdesk", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


TWO_DESIGNERS = (
    "Designer;Mid;creative;40.000;50.000;1;a;\nDesigner;Mid;creative;21.000;50.000;0,5;b;\n"
)


@pytest.mark.slow
def test_blocked_gate_with_figures(tmp_path: Path) -> None:
    # 40.000 / 50.000 = 0,80; 21.000 at 0,5 FTE = 42.000 / 50.000 = 0,84; three at 0,82
    workshop(
        tmp_path,
        HEADER
        + TWO_DESIGNERS
        + "".join(f"Designer;Mid;creative;41.000;50.000;1;{p};\n" for p in "cde"),
        peers=[4, 4, 4, 4, 4],
    )
    data = check(tmp_path)
    assert data["gate"]["state"] == "blocked"  # type: ignore[index]
    (reason,) = data["gate"]["reasons"]  # type: ignore[index]
    # figures for anyone but the holder of individual pay are rounded to 0.05 (privacy.md)
    assert reason["code"] == "low_compa_ratio" and reason["value"] == pytest.approx(0.80)
    assert "0.82" not in reason["message"]
    (role,) = data["roles"]  # type: ignore[misc]
    assert role["headcount"] == 5 and role["median_compa_ratio"] == pytest.approx(0.80)
    assert role["spread"] == 1.0 and "quartile" in role["spread_measure"]  # 41,000 / 41,000
    assert data["steps"]["autonomy"]["locked"] is True  # type: ignore[index]


@pytest.mark.slow
def test_a_small_group_keeps_its_state_but_shows_no_figure(tmp_path: Path) -> None:
    workshop(tmp_path, HEADER + TWO_DESIGNERS, peers=[4, 4, 4, 4, 4])
    data = check(tmp_path)
    assert data["gate"]["state"] == "blocked"  # type: ignore[index]
    (reason,) = data["gate"]["reasons"]  # type: ignore[index]
    assert reason["code"] == "low_compa_ratio" and reason["value"] is None
    assert "0.82" not in reason["message"] and "withheld" in reason["message"]
    (role,) = data["roles"]  # type: ignore[misc]
    assert role["headcount"] == 2 and role["state"] == "blocked"
    assert role["median_compa_ratio"] is None and role["spread"] is None


@pytest.mark.slow
def test_pass_gate_unlocks_the_steps(tmp_path: Path) -> None:
    workshop(tmp_path, HEADER + "Designer;Mid;creative;52.000;50.000;1;a;\n", peers=[4, 5, 4, 4, 4])
    data = check(tmp_path)
    assert data["gate"] == {  # type: ignore[comparison-overlap]
        "state": "pass",
        "words": "passed",
        "headline": "Pay-fairness gate: passed",
        "reasons": [],
        "overridden": False,
        "locks_steps": False,
        "override": None,
    }
    assert data["routine_share"] == 0


@pytest.mark.slow
def test_group_gap_in_check_json(tmp_path: Path) -> None:
    rows = "".join(f"Dev;Senior;creative;60000;58000;1;a{i};A\n" for i in range(5))
    rows += "".join(f"Dev;Senior;creative;54000;58000;1;b{i};B\n" for i in range(5))
    workshop(tmp_path, HEADER.replace(";", ",") + rows.replace(";", ","), peers=[4] * 6)
    data = check(tmp_path)
    (role,) = data["roles"]  # type: ignore[misc]
    assert role["group_gaps"] == [
        {
            "higher_group": "A",
            "lower_group": "B",
            "gap_share": pytest.approx(0.10),
            "higher_size": 5,
            "dominated": False,
            "lower_size": 5,
        }
    ]
    assert {r["code"] for r in data["gate"]["reasons"]} == {"group_gap", "creative_below_market"}  # type: ignore[index]


@pytest.mark.slow
def test_bad_pay_file_changes_nothing(tmp_path: Path) -> None:
    path = workshop(tmp_path, HEADER + "Designer;Mid;creative;52.000;50.000;1;a;\n")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    (tmp_path / "bad.csv").write_text(
        HEADER + "Designer;Mid;creative;52.000;50.000;1;a;\nDesigner;Mid;creative;x;50.000;1;b;\n"
    )
    result = ampdesk("import-pay", "w.ampdesk", "bad.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "ampdesk: error: line 3, column 'pay': 'x' is not a number"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert check(tmp_path)["counts"]["pay_records"] == 1  # type: ignore[index]


@pytest.mark.slow
def test_settings_change_together_or_not_at_all(tmp_path: Path) -> None:
    create_workshop(tmp_path / "w.ampdesk", "Settings").close()
    bad = ampdesk(
        "settings",
        "w.ampdesk",
        "--set",
        "attention_spread=1.4",
        "--set",
        "min_group_size=2",
        cwd=tmp_path,
    )
    assert bad.returncode == 2 and "min_group_size" in bad.stderr
    assert "attention_spread = 1.5" in ampdesk("settings", "w.ampdesk", cwd=tmp_path).stdout
    good = ampdesk(
        "settings",
        "w.ampdesk",
        "--set",
        "attention_spread=1.4",
        "--set",
        "anonymity_threshold=3",
        cwd=tmp_path,
    )
    assert good.returncode == 0, good.stderr
    assert "attention_spread = 1.4" in good.stdout and "anonymity_threshold = 3" in good.stdout
