"""Time every document of a workshop that holds very long texts: a note, an action's title,
the workshop's title and a case story far past their limits (as a file written before the
limits may hold), the story at several lengths, to show the time grows in proportion.

    python benchmarks/long_text.py [--runs N]

The texts are numbered words ("s000001 s000002 ..."), so that a test can check that every word
of each was printed, once and in order. Used by tests/report/test_long_text.py.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from ampdesk.demo import write_demo
from ampdesk.report import builder
from ampdesk.store.workshop_file import Workshop, open_workshop

# The lengths of issue 23: each breaks or slows the documents without the long-text layout.
NOTE_CHARS = 6_000
ACTION_CHARS = 8_000
TITLE_CHARS = 2_000
STORY_CHARS = 500_000

Writer = Callable[[Workshop, BinaryIO], list[str]]
DOCUMENTS: dict[str, Writer] = {
    "report": lambda w, out: builder.build_report(w, out),
    "confidential copy": lambda w, out: builder.build_report(w, out, include_individual_pay=True),
    "handout": lambda w, out: builder.build_handout(w, out),
    "plan": lambda w, out: builder.build_plan(w, out),
    "follow-up report": lambda w, out: builder.build_followup_report(w, out),
}


def numbered(prefix: str, chars: int) -> str:
    """About ``chars`` characters of words ``prefix``000000, ``prefix``000001, ...; a sentence
    ends after every twelfth word."""
    words = []
    size = 0
    number = 0
    while size < chars:
        word = f"{prefix}{number:06d}" + ("." if number % 12 == 11 else "")
        words.append(word)
        size += len(word) + 1
        number += 1
    return " ".join(words)


def write_long(path: Path, story_chars: int = STORY_CHARS) -> dict[str, str]:
    """The demo workshop at ``path`` with the long texts written straight into the file (the
    app refuses them now); returns each text by what holds it."""
    write_demo(path).close()
    texts = {
        "note": numbered("n", NOTE_CHARS),
        "action": numbered("a", ACTION_CHARS),
        "title": numbered("t", TITLE_CHARS),
        "story": numbered("s", story_chars),
    }
    with sqlite3.connect(path) as db:
        # the note with most dots, so that the handout's top notes show it too
        db.execute(
            "UPDATE note SET text = ? WHERE id = (SELECT note_id FROM vote GROUP BY note_id "
            "ORDER BY count(*) DESC, note_id LIMIT 1)",
            (texts["note"],),
        )
        db.execute(
            "UPDATE action SET title = ? WHERE id = (SELECT min(id) FROM action)",
            (texts["action"],),
        )
        db.execute("UPDATE workshop SET title = ?", (texts["title"],))
        db.execute(
            "INSERT INTO own_case (title, story, lesson) VALUES ('A long story', ?, '')",
            (texts["story"],),
        )
    db.close()  # the context only commits
    return texts


def _time(path: Path, write: Writer) -> tuple[float, int]:
    """Seconds to write one document of the workshop at ``path``, and its pages."""
    out = io.BytesIO()
    with open_workshop(path) as workshop:
        start = time.perf_counter()
        write(workshop, out)
        elapsed = time.perf_counter() - start
    return elapsed, len(PdfReader(out).pages)


def main() -> None:
    """Print a table of seconds and pages (medians over the runs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| case story | document | pages | seconds | seconds per 100 pages |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for chars in (125_000, 250_000, 500_000):
            path = Path(folder) / f"long-{chars}.ampdesk"
            write_long(path, chars)
            for name, write in DOCUMENTS.items():
                runs = [_time(path, write) for _ in range(args.runs)]
                seconds = statistics.median(r[0] for r in runs)
                pages = runs[0][1]
                print(
                    f"| {chars:,} | {name} | {pages} | {seconds:.2f} "
                    f"| {seconds / pages * 100:.2f} |"
                )


if __name__ == "__main__":
    main()
