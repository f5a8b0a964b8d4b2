"""A small, fixed sample of the fuzz run (tests/robust/fuzz.py): damaged copies of a workshop
through every command end opened or refused in one line, never otherwise."""

import pytest

from tests.robust.fuzz import COMMANDS, run


@pytest.mark.slow
def test_damaged_files_are_opened_or_refused_in_one_line() -> None:
    counts, odd = run(files=6, seed=23)
    assert odd == []
    assert counts["other"] == 0
    assert counts["refused in one line"] > 0
    assert sum(counts.values()) == 6 * len(COMMANDS)
