"""Every ``type: ignore`` left in the code names its error code and says why."""

import re
from pathlib import Path

import ampdesk

IGNORE = re.compile(r"# type: ignore(?P<rest>.*)$")
EXPLAINED = re.compile(r"^\[[a-z-]+(, [a-z-]+)*\]  # \S")


def test_every_type_ignore_carries_its_code_and_reason() -> None:
    root = Path(ampdesk.__file__).parent
    unexplained = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (found := IGNORE.search(line)) and not EXPLAINED.match(found["rest"])
    ]
    assert unexplained == []
