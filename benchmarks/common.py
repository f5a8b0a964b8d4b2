"""What every benchmark shares: the ``--quick`` switch and Markdown tables.

Each benchmark prints one Markdown section (a heading, what it measured, a table, the ratios);
``benchmarks/run.py`` runs them all and puts their sections into docs/performance.md.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence


def parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser with ``--quick``: small sizes and one run, to prove it still works."""
    result = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    result.add_argument(
        "--quick", action="store_true", help="small sizes, one run: checks the benchmark works"
    )
    return result


def table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:,.0f} ms"
