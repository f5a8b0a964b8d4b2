"""The participant API against a real server process: every route, status and limit."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ampdesk.framework.live import LiveState, voting
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.live.client import LiveProcess, Phone, new_key

Serve = Callable[..., LiveProcess]


def _facilitator_opens(path: Path, state: LiveState, phone: Phone) -> None:
    """Change the open activity as the desktop app does, and wait until phones see it."""
    with open_workshop(path) as workshop:
        LiveStore(workshop).set_state(state)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        data = phone.state().data
        if (data["activity"], data["locked"]) == (state.activity, state.locked):
            return
        time.sleep(0.1)
    raise AssertionError(f"phones never saw {state}")


@pytest.mark.slow
def test_headless_start_prints_url_code_and_port(serve: Serve) -> None:
    server = serve()
    assert server.info["url"] == f"http://127.0.0.1:{server.info['port']}/"
    assert server.info["join_url"] == server.info["url"] + "#" + server.code
    assert len(server.code) == 6 and server.code.isalnum()


@pytest.mark.slow
def test_page_needs_no_code_and_is_locked_down(serve: Serve) -> None:
    server = serve()
    page = Phone(server.url).request("GET", "/")
    assert page.status == 200 and b"/static/app.js" in page.data
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    script = Phone(server.url).request("GET", "/static/app.js")
    assert script.status == 200 and script.headers["content-type"].startswith("text/javascript")
    missing = Phone(server.url).request("GET", "/static/../ampdesk.db")
    assert missing.status == 404
    assert Phone(server.url).request("GET", "/nothing-here").data == {"error": "not found"}


@pytest.mark.slow
def test_join_with_the_code_in_any_case_and_spacing(serve: Serve) -> None:
    server = serve()
    phone = Phone(server.url)
    reply = phone.join(" " + server.code[:3].lower() + " " + server.code[3:])
    assert reply.status == 201 and reply.data["phone"].startswith("Phone ")
    assert phone.state().status == 200


@pytest.mark.slow
def test_wrong_codes_are_refused_then_the_address_is_locked_out(serve: Serve) -> None:
    server = serve()
    phone = Phone(server.url)
    wrong = "Z" if server.code[0] != "Z" else "Y"
    for _ in range(10):
        assert phone.join(wrong + server.code[1:]).status == 403
    locked = phone.join(server.code)
    assert locked.status == 429 and int(locked.headers["retry-after"]) > 0
    assert phone.token is None


@pytest.mark.slow
def test_state_needs_a_token_and_supports_etags(serve: Serve) -> None:
    server = serve()
    assert Phone(server.url).state().status == 401
    assert Phone(server.url, token="forged").state().status == 401
    phone = server.phone()
    first = phone.state()
    assert first.status == 200 and first.data["activity"] == "waiting"
    again = phone.request("GET", "/api/state", headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304


@pytest.mark.slow
def test_pulse_answers_are_committed_and_one_phone_counts_once(
    serve: Serve, workshop_path: Path
) -> None:
    server = serve("--step", "fairness")
    phone = server.phone()
    state = phone.state().data
    assert state["activity"] == "pulse"
    assert [q["item"] for q in state["questions"]] == ["peers", "market", "settled"]
    first = phone.submit("answers", {"activity": "pulse", "answers": {"peers": 2, "market": 4}})
    assert first.status == 200 and first.data == {"saved": 2}
    changed = phone.submit("answers", {"activity": "pulse", "answers": {"peers": 3}})
    assert changed.status == 200
    server.phone().submit("answers", {"activity": "pulse", "answers": {"peers": 5}})
    with open_workshop(workshop_path) as workshop:
        answers = WorkshopStore(workshop).answers.by_item("fairness")
    assert sorted(answers["peers"]) == [3, 5] and answers["market"] == [4]


@pytest.mark.slow
def test_a_retried_submission_is_answered_again_not_stored_again(
    serve: Serve, workshop_path: Path
) -> None:
    server = serve("--step", "autonomy")
    phone = server.phone()
    key = new_key()
    body = {"activity": "autonomy", "kind": "idea", "dimension": "how", "text": "Pick our tools"}
    first = phone.submit("notes", body, key=key)
    retry = phone.submit("notes", body, key=key)
    assert first.status == retry.status == 201
    assert retry.data == first.data and retry.headers["idempotent-replay"] == "true"
    assert "idempotent-replay" not in first.headers
    other_phone = server.phone().submit("notes", body, key=key)  # keys are per phone
    assert other_phone.status == 201 and other_phone.data != first.data
    with open_workshop(workshop_path) as workshop:
        assert [n.text for n in WorkshopStore(workshop).notes.all("autonomy")] == [
            "Pick our tools"
        ] * 2


@pytest.mark.slow
def test_answers_outside_the_open_activity_or_while_locked_are_refused(
    serve: Serve, workshop_path: Path
) -> None:
    server = serve("--step", "fairness")
    phone = server.phone()
    wrong = phone.submit("answers", {"activity": "autonomy", "answers": {"how.current": 3}})
    assert wrong.status == 409 and "not open" in wrong.data["error"]
    _facilitator_opens(workshop_path, LiveState("pulse", "fairness", locked=True), phone)
    paused = phone.submit("answers", {"activity": "pulse", "answers": {"peers": 3}})
    assert paused.status == 409 and "paused" in paused.data["error"]
    notes = phone.submit("votes", {"note_ids": []})
    assert notes.status == 409
    with open_workshop(workshop_path) as workshop:
        assert WorkshopStore(workshop).answers.by_item("fairness") == {}


@pytest.mark.slow
def test_every_field_is_checked(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "autonomy")
    phone = server.phone()
    idea = {"activity": "autonomy", "kind": "idea", "dimension": "how", "text": "x"}
    bad_bodies: list[tuple[str, object]] = [
        ("answers", {"activity": "autonomy", "answers": {}}),
        ("answers", {"activity": "autonomy", "answers": {"how.current": True}}),
        ("answers", {"activity": "autonomy", "answers": {"how.current": 6}}),
        ("answers", {"activity": "autonomy", "answers": {"how.current": 2.5}}),
        ("answers", {"activity": "autonomy", "answers": {"how.current": "3"}}),
        ("answers", {"activity": "autonomy", "answers": {"pay.current": 3}}),
        ("answers", {"activity": "autonomy", "answers": [3]}),
        ("answers", {"activity": "autonomy", "answers": {"how.current": 3}, "admin": True}),
        ("answers", {"activity": 7, "answers": {"how.current": 3}}),
        ("notes", {**idea, "dimension": None}),
        ("notes", {**idea, "dimension": "why"}),
        ("notes", {**idea, "kind": "story"}),
        ("notes", {**idea, "text": "   "}),
        ("notes", {**idea, "text": "a" * 281}),
        ("notes", {**idea, "text": "nul\x00byte"}),
        ("notes", {**idea, "text": ["list"]}),
    ]
    for route, body in bad_bodies:
        reply = phone.submit(route, body)  # type: ignore[arg-type]
        assert reply.status == 400, (route, body, reply)
        assert isinstance(reply.data["error"], str) and reply.data["error"]
    raw_cases = [b"not json", b"[1, 2]", b'{"key": NaN}', b"\xff\xfe", b'{"key": "short"}']
    for raw in raw_cases:
        assert phone.request("POST", "/api/answers", raw).status == 400, raw
    form = phone.request(
        "POST",
        "/api/answers",
        b"a=1",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status == 415
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        assert repo.notes.all() == [] and repo.answers.by_item("autonomy") == {}


HOSTILE = [
    "<script>alert('x')</script>",
    "{{ 7*7 }} ${7*7} <%= 7*7 %>",
    "'; DROP TABLE note; --",
    "\u202eevil\u202c reversed",
    "Emoji 🎉👩🏽‍💻 and Ünïcödé",
    "two\nlines",
]


@pytest.mark.slow
def test_hostile_text_is_stored_exactly_as_typed(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "purpose")
    phone = server.phone()
    for text in HOSTILE:
        reply = phone.submit("notes", {"activity": "purpose", "kind": "story", "text": text})
        assert reply.status == 201, reply
    with open_workshop(workshop_path) as workshop:
        stored = [n.text for n in WorkshopStore(workshop).notes.all("purpose")]
    assert stored == HOSTILE


@pytest.mark.slow
def test_dot_voting_offers_visible_notes_and_replaces_a_phones_dots(
    serve: Serve, workshop_path: Path
) -> None:
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        keep = repo.notes.add("autonomy", "idea", "Choose our tools", dimension="how")
        other = repo.notes.add("autonomy", "idea", "Flexible hours", dimension="when")
        hidden = repo.notes.add("autonomy", "idea", "Off-topic", dimension="what")
        repo.notes.set_hidden(hidden, True)
    server = serve()
    phone = server.phone()
    _facilitator_opens(workshop_path, voting("autonomy", dots=3), phone)
    offered = phone.state().data["voting"]
    assert offered["dots"] == 3
    assert [n["id"] for n in offered["notes"]] == [keep, other]
    assert phone.submit("votes", {"note_ids": [keep, keep, other]}).data == {"votes": 3}
    assert phone.submit("votes", {"note_ids": [other]}).status == 200  # changed their mind
    assert phone.submit("votes", {"note_ids": [keep] * 4}).status == 400
    assert phone.submit("votes", {"note_ids": [hidden]}).status == 400
    assert phone.submit("votes", {"note_ids": [True]}).status == 400
    with open_workshop(workshop_path) as workshop:
        votes = {n.id: n.votes for n in WorkshopStore(workshop).notes.all("autonomy")}
    assert votes == {keep: 0, other: 1, hidden: 0}


@pytest.mark.slow
def test_bodies_over_16_kib_are_refused(serve: Serve) -> None:
    server = serve("--step", "purpose")
    phone = server.phone()
    huge = b'{"key": "abcdefgh", "text": "' + b"a" * 1_000_000 + b'"}'
    reply = phone.request("POST", "/api/notes", huge)
    assert reply.status == 413 and "error" in reply.data


@pytest.mark.slow
def test_a_phone_that_floods_is_slowed_down(serve: Serve) -> None:
    server = serve()
    phone = server.phone()
    statuses = [phone.state().status for _ in range(70)]
    assert statuses[:59].count(200) + statuses[:59].count(304) == 59
    assert 429 in statuses[59:]
    assert server.phone().state().status == 200  # other phones are not affected


@pytest.mark.slow
def test_no_facilitator_control_and_wrong_methods(serve: Serve) -> None:
    server = serve()
    phone = server.phone()
    assert phone.request("GET", "/api/answers").status == 405
    for path in ("/api/state", "/api/lock", "/api/activity", "/admin"):
        assert phone.request("POST", path, {"activity": "pulse"}).status in (404, 405)
    assert phone.state().data["activity"] == "waiting"


@pytest.mark.slow
def test_sigterm_stops_cleanly_with_everything_committed(serve: Serve, workshop_path: Path) -> None:
    server = serve("--step", "mastery")
    phone = server.phone()
    phone.submit("notes", {"activity": "mastery", "kind": "skill", "text": "Public speaking"})
    assert server.stop() == 0
    with open_workshop(workshop_path) as workshop:
        assert [n.text for n in WorkshopStore(workshop).notes.all("mastery")] == ["Public speaking"]
    restarted = serve()
    assert restarted.code != server.code  # a new session, a new code: old QR photos let no one in
    assert Phone(restarted.url).join(server.code).status == 403
    assert restarted.url == server.url  # the same port again: reloaded pages reach it
    assert Phone(restarted.url, phone.token).state().status == 200  # phones stay joined
    with pytest.raises(RuntimeError, match=r"live.ampdesk: open in ampdesk live \(process"):
        serve()  # a second server on the same workshop: one writer at a time, named


@pytest.mark.slow
def test_a_checkin_pulse_is_stored_with_its_checkin(serve: Serve, workshop_path: Path) -> None:
    import datetime as dt

    from ampdesk.framework.live import checkin_pulse

    with open_workshop(workshop_path) as workshop:
        checkin = WorkshopStore(workshop).checkins.add(dt.date(2027, 2, 1), {})
    server = serve("--step", "fairness")
    phone = server.phone()
    phone.submit("answers", {"activity": "pulse", "answers": {"peers": 2}})  # at the workshop
    _facilitator_opens(workshop_path, checkin_pulse(checkin), phone)
    state = phone.state().data
    items = {q["item"]: q for q in state["questions"]}
    assert list(items)[:3] == ["peers", "market", "settled"] and "how.current" in items
    assert items["how.current"]["low"] == "No say at all" and "low" not in items["peers"]
    reply = phone.submit(
        "answers", {"activity": "checkin", "answers": {"peers": 4, "how.current": 3}}
    )
    assert reply.status == 200
    assert (
        phone.submit("answers", {"activity": "checkin", "answers": {"how.desired": 3}}).status
        == 400
    )
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        stored = {
            **repo.answers.by_item("autonomy", checkin),
            **repo.answers.by_item("fairness", checkin),
        }
        assert stored == {"peers": [4], "how.current": [3]}
        assert repo.answers.by_item("fairness") == {"peers": [2]}
        assert repo.checkins.pulse(checkin) == {}  # stored, not shown before a reveal


@pytest.mark.slow
def test_the_server_the_app_started_stops_when_the_app_is_gone(workshop_path: Path) -> None:
    import subprocess
    import sys

    server = subprocess.Popen(
        [sys.executable, "-m", "ampdesk", "live", str(workshop_path), "--headless", "--events"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    assert "url" in server.stdout.readline()
    server.stdin.close()  # what the operating system does when the app dies
    assert server.wait(timeout=20) == 0
