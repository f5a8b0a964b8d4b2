"""The bundled framework content: it loads, it is complete, and the loader rejects bad content."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ampdesk.framework.content import STEP_IDS, ContentError, Framework, load_framework
from ampdesk.resources_path import resources_dir

CONTENT_DIR = resources_dir() / "framework"
CONTENT_FILES = (
    "framework.toml",
    "steps.toml",
    "mistakes.toml",
    "cases.toml",
    "sources.toml",
    "checks.toml",
)
MISTAKE_IDS = ("if_then_for_creative_work", "defaulting_to_control", "ignoring_baseline_fairness")
REQUIRED_CASE_IDS = ("reward_size_study", "speed_camera_lottery", "career_change")
CHECK_IDS = (
    "if_then_reward_for_creative_work",
    "defaulting_to_control",
    "ignoring_baseline_fairness",
    "substitute_for_pay",
    "inauthentic_purpose",
    "purpose_without_story",
    "annual_feedback_only",
    "all_autonomy_dimensions_at_once",
    "mostly_routine_work",
    "autonomy_without_structure",
    "action_without_owner_or_date",
)
SOURCE_KINDS = {"book", "article", "podcast", "tv", "web", "report", "law"}
# Errors of the seed document, and phrasing of it that must not be copied.
FORBIDDEN = (
    "mathura",
    "new orleans",
    "nine experiments",
    "off the table",
    "obsessed with fairness",
    "infinitely more motivating",
)


@pytest.fixture(scope="module")
def content() -> Framework:
    return load_framework(CONTENT_DIR)


def _texts(value: object) -> Iterator[str]:
    """Every string inside a content value, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))


# --- the bundled content ---------------------------------------------------------------


def test_every_file_is_present_and_loads(content: Framework) -> None:
    for name in CONTENT_FILES:
        assert (CONTENT_DIR / name).is_file(), name
    assert content.name == "Autonomy, Mastery, Purpose"
    assert content.tagline and content.overview
    assert content.best_for and len(content.not_ideal_for) >= 2


def test_five_principles_numbered_in_order(content: Framework) -> None:
    assert [p.number for p in content.principles] == [1, 2, 3, 4, 5]


def test_four_steps_in_order(content: Framework) -> None:
    assert tuple(s.id for s in content.steps) == STEP_IDS
    assert [s.number for s in content.steps] == [1, 2, 3, 4]
    assert [s.title for s in content.steps] == [
        "Ensure baseline fairness",
        "Design for autonomy",
        "Enable mastery",
        "Connect to purpose",
    ]


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_each_step_is_complete(content: Framework, step_id: str) -> None:
    step = content.step(step_id)
    assert 4 <= len(step.prompts) <= 6
    assert 4 <= len(step.checklist) <= 6
    for item in step.checklist:
        assert re.fullmatch(r"[a-z][a-z0-9_]{2,30}", item.id), item.id
    assert step.sources


def test_fairness_and_purpose_carry_a_warning(content: Framework) -> None:
    assert content.step("fairness").warning
    assert content.step("purpose").warning


def test_autonomy_names_the_four_dimensions_and_starts_with_how(content: Framework) -> None:
    autonomy = content.step("autonomy")
    for word in ("what", "how", "when", "whom", "task", "technique", "time", "team"):
        assert re.search(rf"\b{word}\b", autonomy.explanation), word
    assert "usually how" in autonomy.pro_tip


def test_the_three_mistakes(content: Framework) -> None:
    assert tuple(m.id for m in content.mistakes) == MISTAKE_IDS


def test_required_cases_are_present_and_sourced(content: Framework) -> None:
    case_ids = {c.id for c in content.cases}
    assert set(REQUIRED_CASE_IDS) <= case_ids
    for case in content.cases:
        assert case.lesson, case.id
        assert case.sources, case.id
        assert case.steps, case.id


def test_reward_study_tells_the_corrected_facts(content: Framework) -> None:
    case = content.case("reward_size_study")
    told = f"{case.story} {case.outcome} {case.evidence_note}"
    for fact in ("Madurai", "MIT", "University of Chicago", "nine tasks", "three experiments"):
        assert fact in told, fact
    assert {"ariely2009", "holsthansen2020"} <= set(case.sources)
    assert case.evidence_note and "149" in case.evidence_note


def test_speed_camera_lottery_is_the_stockholm_trial(content: Framework) -> None:
    case = content.case("speed_camera_lottery")
    told = f"{case.story} {case.outcome}"
    for fact in ("Stockholm", "Kevin Richardson", "24,857", "32 km/h", "25 km/h", "22%"):
        assert fact in told, fact
    assert case.evidence_note and "Crowd Control" in case.evidence_note


def test_every_check_has_its_texts(content: Framework) -> None:
    assert {c.id for c in content.checks} == set(CHECK_IDS)
    for check in content.checks:
        assert len(check.title) <= 60, check.id


def test_checks_belong_to_the_expected_steps_and_mistakes(content: Framework) -> None:
    expected = {
        "if_then_reward_for_creative_work": ("fairness", "if_then_for_creative_work"),
        "defaulting_to_control": ("autonomy", "defaulting_to_control"),
        "ignoring_baseline_fairness": ("fairness", "ignoring_baseline_fairness"),
        "substitute_for_pay": ("fairness", "ignoring_baseline_fairness"),
    }
    for check_id, (step, mistake) in expected.items():
        check = content.check(check_id)
        assert (check.step, check.mistake) == (step, mistake), check_id
    steps = {
        "inauthentic_purpose": "purpose",
        "purpose_without_story": "purpose",
        "annual_feedback_only": "mastery",
        "all_autonomy_dimensions_at_once": "autonomy",
        "mostly_routine_work": "fairness",
        "autonomy_without_structure": "autonomy",
    }
    for check_id, step in steps.items():
        assert content.check(check_id).step == step, check_id


def test_sources_are_well_formed(content: Framework) -> None:
    for source in content.sources:
        assert source.kind in SOURCE_KINDS, source.id
        assert 1900 <= source.year <= 2030, source.id
        assert str(source.year) in source.citation, source.id
        assert source.url is None or source.url.startswith("https://"), source.id


def test_no_orphan_sources(content: Framework) -> None:
    used = {s for step in content.steps for s in step.sources}
    used |= {s for case in content.cases for s in case.sources}
    orphans = {s.id for s in content.sources} - used
    assert not orphans, f"sources cited by nothing: {sorted(orphans)}"


def test_seed_errors_and_phrasing_are_not_in_the_texts(content: Framework) -> None:
    everything = " ".join(_texts(content)).lower()
    for phrase in FORBIDDEN:
        assert phrase not in everything, phrase


def test_texts_are_single_clean_paragraphs(content: Framework) -> None:
    for text in _texts(content):
        assert "\n" not in text, text[:60]
        assert "  " not in text, text[:60]


# --- the loader rejects broken content --------------------------------------------------


def _broken(tmp_path: Path, name: str, edit: Callable[[str], str]) -> Path:
    """A copy of the bundled content with ``edit`` applied to one file's text."""
    folder = tmp_path / "framework"
    shutil.copytree(CONTENT_DIR, folder)
    path = folder / name
    before = path.read_text(encoding="utf-8")
    after = edit(before)
    assert after != before, "the edit did not change the file"
    path.write_text(after, encoding="utf-8")
    return folder


def _rename_key(key: str) -> Callable[[str], str]:
    """Rename the first ``key = ...`` so that the loader finds the key missing."""

    def edit(text: str) -> str:
        return text.replace(f"\n{key} = ", f"\n{key}_renamed = ", 1)

    return edit


def _swap_first_two_steps(text: str) -> str:
    head, first, second, *rest = text.split("\n[[step]]\n")
    return "\n[[step]]\n".join([head, second, first, *rest])


BROKEN = {
    "missing key": (
        "framework.toml",
        _rename_key("tagline"),
        r"^framework\.toml: missing key 'tagline'",
    ),
    "missing key in a case": (
        "cases.toml",
        _rename_key("lesson"),
        r"^cases\.toml case\[0\]: missing key 'lesson'",
    ),
    "unknown case": (
        "mistakes.toml",
        lambda text: text.replace("cases = [", 'cases = ["no_such_case", ', 1),
        r"^mistakes\.toml mistake '\w+': unknown case 'no_such_case'",
    ),
    "unknown source": (
        "steps.toml",
        lambda text: text.replace("sources = [", 'sources = ["no_such_source", ', 1),
        r"^steps\.toml step 'fairness': unknown source 'no_such_source'",
    ),
    "wrong step order": (
        "steps.toml",
        _swap_first_two_steps,
        r"^steps\.toml: steps must be fairness, autonomy, mastery, purpose",
    ),
    "invalid toml": (
        "checks.toml",
        lambda text: text + "\n[[check]\nid = = broken\n",
        r"^checks\.toml: not valid TOML",
    ),
}


@pytest.mark.parametrize(("name", "edit", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_loader_rejects_broken_content(
    tmp_path: Path, name: str, edit: Callable[[str], str], message: str
) -> None:
    folder = _broken(tmp_path, name, edit)
    with pytest.raises(ContentError, match=message):
        load_framework(folder)


def test_loader_names_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "framework"
    shutil.copytree(CONTENT_DIR, folder)
    (folder / "sources.toml").unlink()
    with pytest.raises(ContentError, match=r"sources\.toml is missing"):
        load_framework(folder)
