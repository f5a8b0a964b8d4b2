"""The live-input rules without a server: activities, checks of what phones send, limits."""

import pytest

from ampdesk.framework.live import (
    MAX_DEPTH,
    LiveInputError,
    LiveState,
    clean_text,
    describe,
    for_step,
    new_code,
    normalize_code,
    parse_answers,
    parse_body,
    parse_note,
    parse_votes,
    voting,
)
from ampdesk.framework.state import NoteValue
from ampdesk.live.limits import JoinGuard, RateLimit


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_each_step_opens_its_activity_and_other_pages_wait() -> None:
    assert for_step("fairness").activity == "pulse"
    assert for_step("autonomy") == LiveState("autonomy", "autonomy")
    assert for_step("actions") == LiveState()
    assert describe(for_step("mastery"), [])["note_kinds"][1]["kind"] == "blocker"


def test_stored_state_round_trips_and_garbage_means_waiting() -> None:
    state = LiveState("voting", "autonomy", locked=True, dots=5)
    assert LiveState.from_json(state.to_json()) == state
    for garbage in (None, "", "[]", '{"activity": "admin"}', '{"dots": 99}', "{"):
        assert LiveState.from_json(garbage) == LiveState()
    with pytest.raises(ValueError):
        voting("autonomy", dots=0)


def test_join_codes_are_readable_and_typed_codes_are_forgiving() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(len(c) == 6 and not set(c) & set("01OI") for c in codes)
    assert normalize_code(" k7p-m3x ") == "K7PM3X"


def test_only_visible_notes_are_offered_and_described_as_text() -> None:
    notes = [NoteValue(1, "autonomy", "idea", "how", "<b>x</b>", False, 0)]
    body = describe(voting("autonomy", 2), notes)
    assert body["voting"] == {
        "dots": 2,
        "notes": [{"id": 1, "text": "<b>x</b>", "kind": "idea", "dimension": "how"}],
    }
    assert describe(for_step("autonomy"), notes)["voting"] is None


@pytest.mark.parametrize(
    "raw", [b"", b"null", b"[]", b"1", b'"x"', b'{"a": NaN}', b'{"a": Infinity}', b"\xc3\x28"]
)
def test_bodies_must_be_json_objects(raw: bytes) -> None:
    with pytest.raises(LiveInputError) as error:
        parse_body(raw)
    assert error.value.status == 400


def test_nesting_is_limited_not_the_number_of_brackets() -> None:
    shallow = b'{"a": [' + b", ".join([b"{}"] * 20) + b'], "t": "[[[[[[[[[["}'
    assert len(parse_body(shallow)["a"]) == 20
    for depth, fine in ((MAX_DEPTH, True), (MAX_DEPTH + 1, False)):
        raw = b'{"a": ' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"
        if fine:
            assert parse_body(raw)
        else:
            with pytest.raises(LiveInputError, match="nested"):
                parse_body(raw)


def test_text_is_kept_as_typed_but_control_characters_are_refused() -> None:
    assert clean_text("  two\nlines 🎉 \u202e  ") == "two\nlines 🎉 \u202e"
    for bad in ("", "   ", "a" * 281, "nul\x00", "bell\x07", "c1\x85inside", 5, None):
        with pytest.raises(LiveInputError):
            clean_text(bad)


def test_answers_must_fit_the_open_activity() -> None:
    pulse = for_step("fairness")
    body = {"key": "k" * 8, "activity": "pulse", "answers": {"peers": 1, "settled": 5}}
    assert parse_answers(body, pulse) == {"peers": 1, "settled": 5}
    with pytest.raises(LiveInputError) as closed:
        parse_answers({**body, "activity": "autonomy"}, pulse)
    assert closed.value.status == 409
    with pytest.raises(LiveInputError) as locked:
        parse_answers(body, LiveState("pulse", "fairness", locked=True))
    assert locked.value.status == 409
    for answers in ({"peers": True}, {"peers": 0}, {"peers": 1.0}, {"what.current": 3}, {}):
        with pytest.raises(LiveInputError) as bad:
            parse_answers({**body, "answers": answers}, pulse)
        assert bad.value.status == 400


def test_notes_need_a_dimension_only_where_one_is_offered() -> None:
    autonomy, purpose = for_step("autonomy"), for_step("purpose")
    idea = {"key": "k" * 8, "activity": "autonomy", "kind": "idea", "text": "Own tools"}
    assert parse_note({**idea, "dimension": "how"}, autonomy) == ("idea", "how", "Own tools")
    story = {"key": "k" * 8, "activity": "purpose", "kind": "story", "text": "A patient"}
    assert parse_note(story, purpose) == ("story", None, "A patient")
    for body, state in ((idea, autonomy), ({**story, "dimension": "how"}, purpose)):
        with pytest.raises(LiveInputError):
            parse_note(body, state)


def test_votes_are_limited_to_the_dots_and_the_offered_notes() -> None:
    vote = voting("autonomy", dots=2)
    assert parse_votes({"key": "k" * 8, "note_ids": [4, 4]}, vote, {4, 5}) == [4, 4]
    for ids in ([4, 4, 5], [6], ["4"], [True], 4):
        with pytest.raises(LiveInputError):
            parse_votes({"key": "k" * 8, "note_ids": ids}, vote, {4, 5})
    with pytest.raises(LiveInputError) as closed:
        parse_votes({"key": "k" * 8, "note_ids": []}, for_step("autonomy"), {4})
    assert closed.value.status == 409


def test_rate_limit_allows_a_burst_then_refills() -> None:
    clock = Clock()
    limit = RateLimit(burst=3, per_second=2.0, clock=clock)
    assert [limit.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limit.take("a") == pytest.approx(0.5)
    assert limit.take("b") == 0.0  # one phone's flood does not touch another
    clock.now += 0.5
    assert limit.take("a") == 0.0


def test_join_guard_locks_out_an_address_then_forgives_it() -> None:
    clock = Clock()
    guard = JoinGuard(attempts=3, window=60, clock=clock)
    for _ in range(3):
        assert guard.retry_after("10.0.0.7") == 0
        guard.failed("10.0.0.7")
    assert guard.retry_after("10.0.0.7") == pytest.approx(60)
    assert guard.retry_after("10.0.0.8") == 0
    clock.now += 61
    assert guard.retry_after("10.0.0.7") == 0
