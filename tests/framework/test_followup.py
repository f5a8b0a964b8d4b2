"""Follow-up figures: a check-in's aggregates, hidden below the threshold, and what moved."""

import datetime as dt

from ampdesk.framework.followup import change_text, point, progress_lines, stored_activity


def test_a_point_averages_each_statement_and_the_dimensions_from_the_threshold_up() -> None:
    answers = {
        "peers": [2, 3, 3, 4, 3],
        "market": [1, 2],  # too few: hidden
        "how.current": [3, 3, 3, 3, 3],
        "who.current": [5, 5, 5, 5, 5],
    }
    statuses = {1: ("done", ""), 2: ("on_track", "")}
    moment = point("12 Jan", dt.date(2027, 1, 12), answers, 5, statuses, action_ids=[1, 2, 3])
    assert moment.means["peers"] == 3.0
    assert moment.means["market"] is None
    assert moment.means["autonomy"] == 4.0  # the dimensions with enough answers
    assert moment.statuses == {"not_started": 1, "on_track": 1, "done": 1, "dropped": 0}
    assert moment.answered == 5


def test_progress_compares_the_workshop_with_the_latest_checkin() -> None:
    first = point("Workshop", None, {"peers": [2] * 5}, 5)
    last = point("09 Feb", None, {"peers": [3] * 5}, 5, {7: ("done", "")}, action_ids=[7, 8])
    lines = progress_lines([first, last])
    assert lines[0] == "Fair compared with colleagues: 2.0 → 3.0 (+1.0)"
    assert "not enough answers" in lines[1]
    assert lines[-1] == "Actions done: 1 of 2"
    assert progress_lines([first]) == []
    assert change_text(None, 3.0) == "not enough answers to compare"


def test_checkin_items_are_kept_with_the_workshop_answers_they_compare_to() -> None:
    assert stored_activity("peers") == "fairness"
    assert stored_activity("how.current") == "autonomy"
