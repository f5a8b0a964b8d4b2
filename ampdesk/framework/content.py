"""The framework's content (steps, principles, mistakes, cases, sources) loaded from TOML.

The files under ``resources/framework/`` are validated at load time into frozen dataclasses;
a missing key, a wrong type or a reference to an unknown step, mistake, case or source raises
:class:`ContentError` naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ampdesk.resources_path import resources_dir

STEP_IDS = ("fairness", "autonomy", "mastery", "purpose")
AUTONOMY_DIMENSIONS = ("what", "how", "when", "who")
# How the four dimensions are shown, with Pink's names for them (task, technique, time, team).
AUTONOMY_LABELS = {
    "what": "What (task)",
    "how": "How (technique)",
    "when": "When (time)",
    "who": "Who (team)",
}


class ContentError(ValueError):
    """A content file is missing, malformed or refers to something that does not exist."""


@dataclass(frozen=True, slots=True)
class Source:
    """A citable source: a book, paper, programme or podcast."""

    id: str
    citation: str
    kind: str
    year: int
    url: str | None


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One item of a step's checklist; ``id`` is stable and stored in workshop files."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Step:
    """One of the framework's four steps."""

    id: str
    number: int
    title: str
    aim: str
    explanation: str
    prompts: tuple[str, ...]  # asked of the room: projected and printed as they are
    checklist: tuple[ChecklistItem, ...]
    pro_tip: str
    warning: str | None
    sources: tuple[str, ...]
    # the facilitator's notes on prompts, by prompt number (from 1): never projected
    prompt_notes: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Principle:
    """One of the five core principles."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Mistake:
    """One of the framework's common mistakes."""

    id: str
    title: str
    why: str
    instead: str
    steps: tuple[str, ...]
    cases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Case:
    """An example case to tell the group, with the lesson it teaches and its sources."""

    id: str
    title: str
    story: str
    outcome: str
    lesson: str
    evidence_note: str | None
    steps: tuple[str, ...]
    mistakes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Check:
    """The texts of one automatic mistake check (the detection itself is code).

    ``mistake`` names the framework mistake the check belongs to, if any; ``cases`` the
    example cases that illustrate it.
    """

    id: str
    title: str
    why: str
    instead: str
    step: str
    mistake: str | None
    cases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    """Everything the app knows about the Autonomy-Mastery-Purpose framework."""

    name: str
    tagline: str
    overview: str
    best_for: tuple[str, ...]
    not_ideal_for: tuple[str, ...]
    evidence_limits: tuple[str, ...]
    principles: tuple[Principle, ...]
    steps: tuple[Step, ...]
    mistakes: tuple[Mistake, ...]
    cases: tuple[Case, ...]
    sources: tuple[Source, ...]
    checks: tuple[Check, ...]

    def step(self, step_id: str) -> Step:
        """Return the step with this id."""
        return _by_id(self.steps, step_id, "step")

    def mistake(self, mistake_id: str) -> Mistake:
        """Return the mistake with this id."""
        return _by_id(self.mistakes, mistake_id, "mistake")

    def case(self, case_id: str) -> Case:
        """Return the case with this id."""
        return _by_id(self.cases, case_id, "case")

    def source(self, source_id: str) -> Source:
        """Return the source with this id."""
        return _by_id(self.sources, source_id, "source")

    def check(self, check_id: str) -> Check:
        """Return the texts of the mistake check with this id."""
        return _by_id(self.checks, check_id, "check")


_Item = TypeVar("_Item", Step, Mistake, Case, Source, Check)


def _by_id(items: tuple[_Item, ...], item_id: str, kind: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"unknown {kind} {item_id!r}")


class _Reader:
    """Typed access to one TOML table, with errors that name the file and the entry."""

    def __init__(self, table: dict[str, Any], where: str) -> None:
        self._table = table
        self._where = where

    def _get(self, key: str, kind: type, optional: bool) -> Any:
        if key not in self._table:
            if optional:
                return None
            raise ContentError(f"{self._where}: missing key {key!r}")
        value = self._table[key]
        if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
            raise ContentError(f"{self._where}: {key!r} must be a {kind.__name__}")
        return value

    def text(self, key: str) -> str:
        value: str = self._get(key, str, optional=False)
        if not value.strip():
            raise ContentError(f"{self._where}: {key!r} must not be empty")
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        value: str | None = self._get(key, str, optional=True)
        return value.strip() if value and value.strip() else None

    def integer(self, key: str) -> int:
        value: int = self._get(key, int, optional=False)
        return value

    def texts(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        values: list[Any] = self._get(key, list, optional=False)
        if not values and not allow_empty:
            raise ContentError(f"{self._where}: {key!r} must not be empty")
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise ContentError(f"{self._where}: {key!r} must be a list of non-empty texts")
        return tuple(v.strip() for v in values)

    def numbered_texts(self, key: str, count: int) -> dict[int, str]:
        """An optional table of texts by number from 1 to ``count`` (``{ 4 = "..." }``)."""
        values: dict[str, Any] = self._get(key, dict, optional=True) or {}
        numbered: dict[int, str] = {}
        for number, value in values.items():
            if not number.isdigit() or not 1 <= int(number) <= count:
                raise ContentError(f"{self._where}: {key!r} keys must be numbers 1 to {count}")
            if not isinstance(value, str) or not value.strip():
                raise ContentError(f"{self._where}: {key!r} must hold non-empty texts")
            numbered[int(number)] = value.strip()
        return numbered

    def tables(self, key: str) -> list[_Reader]:
        values: list[Any] = self._get(key, list, optional=False)
        if not values or not all(isinstance(v, dict) for v in values):
            raise ContentError(f"{self._where}: {key!r} must be a non-empty list of tables")
        return [_Reader(v, f"{self._where} {key}[{i}]") for i, v in enumerate(values)]


def _read_toml(path: Path) -> _Reader:
    try:
        with path.open("rb") as handle:
            return _Reader(tomllib.load(handle), path.name)
    except FileNotFoundError as exc:
        raise ContentError(f"content file {path.name} is missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path.name}: not valid TOML ({exc})") from exc


def _check_refs(where: str, refs: tuple[str, ...], known: set[str], kind: str) -> None:
    for ref in refs:
        if ref not in known:
            raise ContentError(f"{where}: unknown {kind} {ref!r}")


def _unique_ids(items: tuple[Any, ...], kind: str) -> set[str]:
    ids = [item.id for item in items]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ContentError(f"duplicate {kind} id(s): {', '.join(sorted(duplicates))}")
    return set(ids)


def load_framework(folder: Path | None = None) -> Framework:
    """Load and validate every content file in ``folder`` (default: the bundled content)."""
    folder = folder or resources_dir() / "framework"
    sources = tuple(
        Source(
            id=t.text("id"),
            citation=t.text("citation"),
            kind=t.text("kind"),
            year=t.integer("year"),
            url=t.optional_text("url"),
        )
        for t in _read_toml(folder / "sources.toml").tables("source")
    )
    source_ids = _unique_ids(sources, "source")

    steps = tuple(
        Step(
            id=t.text("id"),
            number=t.integer("number"),
            title=t.text("title"),
            aim=t.text("aim"),
            explanation=t.text("explanation"),
            prompts=t.texts("prompts"),
            checklist=tuple(
                ChecklistItem(id=c.text("id"), text=c.text("text")) for c in t.tables("checklist")
            ),
            pro_tip=t.text("pro_tip"),
            warning=t.optional_text("warning"),
            sources=t.texts("sources"),
            prompt_notes=t.numbered_texts("prompt_notes", len(t.texts("prompts"))),
        )
        for t in _read_toml(folder / "steps.toml").tables("step")
    )
    if tuple(s.id for s in steps) != STEP_IDS:
        raise ContentError(f"steps.toml: steps must be {', '.join(STEP_IDS)} in that order")
    for step in steps:
        _check_refs(f"steps.toml step {step.id!r}", step.sources, source_ids, "source")
        _unique_ids(step.checklist, f"checklist item in step {step.id!r}")

    mistakes_file = _read_toml(folder / "mistakes.toml")
    mistakes = tuple(
        Mistake(
            id=t.text("id"),
            title=t.text("title"),
            why=t.text("why"),
            instead=t.text("instead"),
            steps=t.texts("steps"),
            cases=t.texts("cases", allow_empty=True),
        )
        for t in mistakes_file.tables("mistake")
    )
    mistake_ids = _unique_ids(mistakes, "mistake")

    cases = tuple(
        Case(
            id=t.text("id"),
            title=t.text("title"),
            story=t.text("story"),
            outcome=t.text("outcome"),
            lesson=t.text("lesson"),
            evidence_note=t.optional_text("evidence_note"),
            steps=t.texts("steps"),
            mistakes=t.texts("mistakes", allow_empty=True),
            sources=t.texts("sources"),
        )
        for t in _read_toml(folder / "cases.toml").tables("case")
    )
    case_ids = _unique_ids(cases, "case")
    for case in cases:
        where = f"cases.toml case {case.id!r}"
        _check_refs(where, case.steps, set(STEP_IDS), "step")
        _check_refs(where, case.mistakes, mistake_ids, "mistake")
        _check_refs(where, case.sources, source_ids, "source")
    for mistake in mistakes:
        where = f"mistakes.toml mistake {mistake.id!r}"
        _check_refs(where, mistake.steps, set(STEP_IDS), "step")
        _check_refs(where, mistake.cases, case_ids, "case")

    checks = tuple(
        Check(
            id=t.text("id"),
            title=t.text("title"),
            why=t.text("why"),
            instead=t.text("instead"),
            step=t.text("step"),
            mistake=t.optional_text("mistake"),
            cases=t.texts("cases", allow_empty=True),
        )
        for t in _read_toml(folder / "checks.toml").tables("check")
    )
    _unique_ids(checks, "check")
    for check in checks:
        where = f"checks.toml check {check.id!r}"
        _check_refs(where, (check.step,), set(STEP_IDS), "step")
        _check_refs(where, (check.mistake,) if check.mistake else (), mistake_ids, "mistake")
        _check_refs(where, check.cases, case_ids, "case")

    overview = _read_toml(folder / "framework.toml")
    principles = tuple(
        Principle(number=t.integer("number"), text=t.text("text"))
        for t in overview.tables("principle")
    )
    return Framework(
        name=overview.text("name"),
        tagline=overview.text("tagline"),
        overview=overview.text("overview"),
        best_for=overview.texts("best_for"),
        not_ideal_for=overview.texts("not_ideal_for"),
        evidence_limits=overview.texts("evidence_limits"),
        principles=principles,
        steps=steps,
        mistakes=mistakes,
        cases=cases,
        sources=sources,
        checks=checks,
    )


@cache
def framework() -> Framework:
    """The bundled framework content, loaded once."""
    return load_framework()
