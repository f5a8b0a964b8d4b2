"""The automatic mistake checks: a workshop's state in, a list of findings out.

Every check is a plain heuristic that can be explained in one sentence (docs/mistake-checks.md
lists them); the texts (why it is a mistake, what to do instead, which cases illustrate it)
live in ``checks.toml``. The checks that read wording use :mod:`ampdesk.framework.reading`,
so they read English only. A check speaks only once its step is in play, and one cause gives
one finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from ampdesk.framework.content import AUTONOMY_DIMENSIONS, AUTONOMY_LABELS, Framework
from ampdesk.framework.fairness import GateResult, GateThresholds, RoleFigures
from ampdesk.framework.messages import steps_held_words
from ampdesk.framework.reading import (
    SUBSTITUTION_CUES,
    Terms,
    clauses,
    mentions,
    scope_start,
    taken_away,
    vocabulary,
)
from ampdesk.framework.rhythm import RhythmWords
from ampdesk.framework.state import (
    FEEDBACK_RHYTHM,
    NOTE_KIND_LABELS,
    PURPOSE_STATEMENT,
    START_DIMENSION,
    ActionValue,
    NoteValue,
    OwnCaseValue,
    StepStatus,
)

LATER_STEPS = ("autonomy", "mastery", "purpose")
# A gap of this many scale points between desired and current autonomy asks for an action.
AUTONOMY_GAP = 1.5

# -- the words the checks know (resources/framework/words_en.toml) ---------------------------
WORDS = vocabulary("en")
REWARDS = WORDS.terms("rewards")
# A reward becomes if-then when the clause ties it to a condition or a count.
CONDITIONS = WORDS.terms("conditions")
# "The winners get a trip": a prize for winning, whatever the prize is.
COMPETITION = WORDS.terms("competition")
RECEIVES = WORDS.terms("receives")
WINS = WORDS.terms("wins")
PRIZES = WORDS.terms("prizes")
CONTINGENT_PAY = WORDS.terms("contingent_pay")
ADVANCE = WORDS.terms("advance")
# After the fact, without a promise: Pink's "now-that" reward, which the framework recommends.
NOW_THAT = WORDS.terms("now_that")
PIECE_RATE = WORDS.terms("piece_rate")
MONEY = WORDS.terms("money")
CREATIVE_WORK = WORDS.terms("creative_work")
ROUTINE_WORK = WORDS.terms("routine_work")
# The head word of a role title is what people write ("the engineers"); common aliases too.
_ROLE_ALIASES = {
    "engineer": "engineer engineering developer dev programmer",
    "developer": "developer dev engineer engineering programmer",
    "designer": "designer design",
    "support": "support helpdesk help_desk",
    "agent": "agent support",
}
_GENERIC_ROLE_WORDS = WORDS.words("generic_role_words")

CONTROLS = WORDS.terms("controls")
PEERS = WORDS.terms("peers")
LOGS = WORDS.terms("logs")
TIME_SPENT = WORDS.terms("time_spent")
AUTHORITY = WORDS.terms("authority")
GATES = WORDS.terms("gates")
ASSIGNS = WORDS.terms("assigns")
SYSTEMS = WORDS.terms("systems")
WATCHED_PEOPLE = WORDS.terms("watched_people")
PAY = WORDS.terms("pay")
PAY_FREEZE = WORDS.terms("pay_freeze")
# Contingent rewards: swapping them for thanks or salary is the framework's advice.
SWAPPABLE = WORDS.terms("swappable")
OFFERS = WORDS.terms("offers")
AMP_OFFERS = WORDS.terms("amp_offers")
LIMITS = WORDS.terms("limits")
REPORTS = WORDS.terms("reports")

BUSINESS_RESULTS = WORDS.terms("business_results")
ABSTRACT = WORDS.terms("abstract")
# "Customer-centricity", "user-first": a value word built on a beneficiary, no one helped.
SLOGAN_SUFFIXES = WORDS.terms("slogan_suffixes")
# People (and other organisations) outside the business, or colleagues: someone helped.
BENEFICIARIES = WORDS.terms("beneficiaries")

FEEDBACK = WORDS.terms("feedback")
RHYTHMS = RhythmWords.of(WORDS.specs["rhythms"])
SLOW_DECISIONS = ("monthly", "quarterly", "annual")
FAST_DECISIONS = ("weekly", "fortnightly")

GRANTS = WORDS.terms("grants")
# "by 10%", "10am", "3pm": a target or a window of hours is structure.
_TARGET_OR_HOUR = re.compile(r"\d+(?:%|am|pm)")
STRUCTURE = WORDS.terms("structure")
NO_OWNER = frozenset(
    {
        "",
        "?",
        "-",
        "tbd",
        "tbc",
        "n/a",
        "na",
        "none",
        "nobody",
        "someone",
        "anyone",
        "everyone",
        "everybody",
        "all",
        "all of us",
        "team",
        "the team",
        "whole team",
        "the whole team",
        "we",
        "us",
        "whoever",
        "open",
        "to be decided",
        "to be confirmed",
    }
)


@dataclass(frozen=True, slots=True)
class MistakeInputs:
    """Everything the checks look at."""

    gate: GateResult
    roles: tuple[RoleFigures, ...]
    routine_share: float | None
    thresholds: GateThresholds
    step_statuses: dict[str, StepStatus]
    notes: tuple[NoteValue, ...]
    actions: tuple[ActionValue, ...]
    decisions: dict[str, str]
    autonomy_means: dict[str, tuple[float | None, float | None]]
    own_cases: tuple[OwnCaseValue, ...] = ()
    # Ticked checklist items as "step.item" (e.g. "autonomy.limits_agreed").
    ticked: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Seen:
    """What a check saw, and the step it was seen in (``None``: the check's own step).

    ``question`` is set when the reader cannot decide whether the text is the mistake: the
    warning then asks it ("Is this reward promised in advance?") rather than stay silent.
    """

    text: str
    step: str | None = None
    question: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected mistake: what was seen, why it matters, what to do, which case helps.

    ``question`` is ``None`` for a sure finding; for one the reader could not decide, what the
    group should ask itself (a finding is sure once any of its causes is).
    """

    id: str
    step: str
    title: str
    detected: str
    why: str
    instead: str
    mistake: str | None
    cases: tuple[str, ...]
    question: str | None = None


def _texts(inputs: MistakeInputs) -> Iterable[tuple[str, str, str]]:
    """(label, step, text) of every action and visible note, as the text checks read them."""
    for action in inputs.actions:
        yield f"action '{action.title}'", action.step, f"{action.title}. {action.measure}"
    for note in inputs.notes:
        if not note.hidden:
            yield f"{NOTE_KIND_LABELS[note.kind].lower()} '{note.text}'", note.step, note.text


def _in_play(inputs: MistakeInputs, step: str) -> bool:
    """Whether the group has begun a step: its status, or any note or action in it."""
    return (
        inputs.step_statuses.get(step, "not_started") != "not_started"
        or any(n.step == step for n in inputs.notes)
        or any(a.step == step for a in inputs.actions)
    )


# -- if-then rewards -----------------------------------------------------------------------
def role_words(roles: Iterable[RoleFigures], work_type: str) -> Terms:
    """The words people use for the roles of one work type: head words and common aliases."""
    words: set[str] = set()
    for role in roles:
        if role.work_type != work_type:
            continue
        title = [w for w in role.role.lower().split() if w not in _GENERIC_ROLE_WORDS]
        for word in title[-1:]:
            words.update(_ROLE_ALIASES.get(word, word).split())
    return Terms.of(" ".join(sorted(words)))


def contingent_reward(text: str) -> bool:
    """Whether ``text`` promises a reward in advance for a result, a count or a win.

    A reward that is taken away (stop the bonus, from commission to salary) or given after the
    fact without a promise (afterwards, unannounced) is not one. Pay per unit counts.
    """
    for words in clauses(text):
        # "Thanks afterwards", "nothing promised up front": a now-that reward.
        if NOW_THAT.within(words) or any(taken_away(words, i) for i in ADVANCE.positions(words)):
            continue
        for index in REWARDS.positions(words):
            if taken_away(words, index):
                continue
            part = words[scope_start(words, index) :]
            commission = words[index].startswith("commission")
            if commission or _conditioned(part) or _for_doing(part):
                return True
        # "Extra day off for engineers who ship on time", "performance-related pay".
        for index in PRIZES.positions(words):
            if not taken_away(words, index) and _conditioned(words[scope_start(words, index) :]):
                return True
        if any(not taken_away(words, i) for i in CONTINGENT_PAY.positions(words)):
            return True
        if RECEIVES.within(words) and (
            COMPETITION.within(words)
            or (
                (_money(words) or PRIZES.within(words))
                and (_conditioned(words) or "whose" in words)
            )
        ):
            return True
        # "Whoever comes up with the best concept wins an iPad."
        if WINS.within(words) and _conditioned([w for w in words if w not in ("wins", "win")]):
            return True
        piece_rate = PIECE_RATE.positions(words)
        if (
            piece_rate
            and _money(words)
            and "per" in words
            and not any(taken_away(words, i) for i in piece_rate)
        ):
            return True
    return False


_CALENDAR = WORDS.words("calendar")


def _conditioned(words: list[str]) -> bool:
    """Whether a condition or a count is named ("if", "per feature"), not a date ("each year")."""
    return any(
        not (words[i] in ("each", "every", "per") and _CALENDAR & set(words[i + 1 : i + 2]))
        for i in CONDITIONS.positions(words)
    ) or any(not taken_away(words, i) for i in ADVANCE.positions(words))


def _money(words: list[str]) -> bool:
    """Whether the words speak of money: an amount in a currency, pay or cash."""
    return MONEY.within(words) or any(any(c in w for c in "€$£") for w in words)


def _for_doing(words: list[str]) -> bool:
    """A reward "for shipping", "for closing": the prize is for doing something."""
    return any(
        w == "for" and nxt.endswith("ing") and nxt not in ("everything", "nothing", "something")
        for w, nxt in pairwise(words)
    )


def reward_named(text: str) -> bool:
    """Whether ``text`` names a reward it keeps, with no sign it comes after the fact."""
    return any(
        not NOW_THAT.within(words) and not taken_away(words, index)
        for words in clauses(text)
        if not any(taken_away(words, i) for i in ADVANCE.positions(words))
        for index in REWARDS.positions(words)
    )


def if_then_for_creative(text: str, roles: tuple[RoleFigures, ...]) -> bool:
    """Whether ``text`` plans an if-then reward for creative work (not for routine work)."""
    return contingent_reward(text) and _for_creative_work(text, roles) != "no"


def _for_creative_work(text: str, roles: tuple[RoleFigures, ...]) -> str:
    """ "named" (creative roles or output are named), "likely" (creative roles and no routine
    one are in the team) or "no"."""
    words = [w for clause in clauses(text) for w in clause]
    if role_words(roles, "creative").within(words) or CREATIVE_WORK.within(words):
        return "named"
    routine = role_words(roles, "routine").within(words) or ROUTINE_WORK.within(words)
    has_creative_roles = any(r.work_type == "creative" for r in roles)
    return "likely" if has_creative_roles and not routine else "no"


REWARD_QUESTION = "Is this reward promised in advance, for reaching a result?"


def _check_if_then_creative(inputs: MistakeInputs) -> list[Seen]:
    found = []
    for label, step, text in _texts(inputs):
        if if_then_for_creative(text, inputs.roles):
            found.append(
                Seen(f"The {label} promises a reward in advance, tied to creative work.", step)
            )
        elif reward_named(text) and _for_creative_work(text, inputs.roles) == "named":
            found.append(
                Seen(f"The {label} names a reward for creative work.", step, REWARD_QUESTION)
            )
    return found


# -- control -------------------------------------------------------------------------------
# "It's OK to fail" is no approval; "the lead's OK", "an OK from" is.
_NOT_AN_APPROVAL_BEFORE_OK = WORDS.words("not_an_approval_before_ok")


# "The lead reviews every pull request" is an approval step; "review every Friday" is a rhythm.
SUPERVISES = WORDS.terms("supervises")
_TIMES = WORDS.words("times")


def _supervises_all(words: list[str]) -> bool:
    return any(
        words[i + 1 : i + 2] in (["every"], ["all"], ["each"])
        and not _TIMES & set(words[i + 2 : i + 4])
        and not taken_away(words, i)
        for i in SUPERVISES.positions(words)
    )


def _kept(words: list[str], terms: Terms) -> list[int]:
    return [i for i in terms.positions(words) if not taken_away(words, i)]


def _controls_from_above(words: list[str]) -> bool:
    """Approval, monitoring, logged hours or a gate, not given by the team's own peers."""
    if PEERS.within(words):
        return False
    if any(not _watches_machines(words, i) for i in _kept(words, CONTROLS)):
        return True
    if _supervises_all(words):
        return True
    # "Engineers log their hours", "submit a weekly report of the hours they spent".
    logged = _kept(words, LOGS)
    if any(0 < j - i <= 6 for i in logged for j in TIME_SPENT.positions(words)):
        return True
    # "Cleared with the PMO first", "a review gate with the VP", "team leads assign tickets".
    return bool(AUTHORITY.positions(words) and (_kept(words, GATES) or _kept(words, ASSIGNS)))


def _watches_machines(words: list[str], index: int) -> bool:
    """ "Monitoring of production servers": what is watched right after the term is a system."""
    after = words[index + 1 : index + 5]
    return SYSTEMS.within(after) and not WATCHED_PEOPLE.within(after)


def adds_control(text: str) -> bool:
    """Whether ``text`` adds an approval, sign-off or monitoring (removing one does not)."""
    if any(_controls_from_above(words) for words in clauses(text)):
        return True
    return any(
        word in ("ok", "okay")
        and index
        and words[index - 1] not in _NOT_AN_APPROVAL_BEFORE_OK
        and not taken_away(words, index)
        for words in clauses(text)
        for index, word in enumerate(words)
    )


def reports_up(text: str) -> bool:
    """Whether ``text`` has the team report to someone above it ("a daily report to the lead")."""
    return any(
        AUTHORITY.within(words) and not PEERS.within(words) and _kept(words, REPORTS)
        for words in clauses(text)
    )


REPORT_QUESTION = "Does this add reporting to someone above the team that the team did not choose?"


def _check_control(inputs: MistakeInputs) -> list[Seen]:
    found = []
    for a in inputs.actions:
        text = f"{a.title}. {a.measure}"
        if adds_control(text):
            found.append(Seen(f"The action '{a.title}' adds approval or monitoring.", a.step))
        elif reports_up(text):
            found.append(
                Seen(f"The action '{a.title}' adds a report upwards.", a.step, REPORT_QUESTION)
            )
    autonomy_actions = [
        a for a in inputs.actions if a.step == "autonomy" and not adds_control(a.title)
    ]
    if not autonomy_actions and _in_play(inputs, "autonomy"):
        gaps = [
            dim
            for dim, (current, desired) in inputs.autonomy_means.items()
            if current is not None and desired is not None and desired - current >= AUTONOMY_GAP
        ]
        if gaps:
            found.append(
                Seen(
                    "The group wants clearly more autonomy over "
                    + ", ".join(AUTONOMY_LABELS[dim].lower() for dim in gaps)
                    + ", and no autonomy action is planned."
                )
            )
        elif inputs.actions:
            found.append(Seen("No action gives the team more autonomy."))
    return found


def grants_autonomy_without_structure(text: str) -> bool:
    """Whether ``text`` grants freedom but names no goal, limit or review."""
    taken = [(words, i) for words in clauses(text) for i in LIMITS.positions(words)]
    grants = (
        mentions(text, GRANTS)
        or (mentions(text, CONTROLS, kept=False) and not adds_control(text))
        or any(taken_away(words, i) for words, i in taken)
    )
    return grants and not _structured(text)


def _structured(text: str) -> bool:
    """A goal, limit or review that is kept: its words, a percentage, or hours of the day."""
    return mentions(text, STRUCTURE) or any(
        _TARGET_OR_HOUR.fullmatch(w) for words in clauses(text) for w in words
    )


def _check_autonomy_structure(inputs: MistakeInputs) -> list[Seen]:
    if {"autonomy.limits_agreed", "autonomy.review_date_set"} <= inputs.ticked:
        return []
    return [
        Seen(f"The action '{a.title}' gives freedom with no goal, limits or review date.", a.step)
        for a in inputs.actions
        if a.step == "autonomy" and not _measured(a.measure)
        if grants_autonomy_without_structure(a.title)
    ]


def _measured(measure: str) -> bool:
    """A measure that is a goal, limit or review, or counts something ("two Fridays held");
    "the team is happier" is none."""
    return _structured(measure) or any(
        RHYTHMS.count(w) is not None for words in clauses(measure) for w in words
    )


# -- pay fairness --------------------------------------------------------------------------
def offered_instead_of_pay(text: str) -> bool:
    """Whether ``text`` offers something in place of pay (not in place of a bonus or prize)."""
    for words in clauses(text):
        for index, word in enumerate(words):
            replaced = _replaced_part(words, index, word)
            if replaced and PAY.within(replaced) and not SWAPPABLE.within(replaced):
                return True
    declined = any(
        taken_away(words, i) for words in clauses(text) for i in PAY.positions(words)
    ) or mentions(text, PAY_FREEZE, kept=False)
    joined = [w for clause in clauses(text) for w in clause]
    offered = OFFERS.within(joined) or AMP_OFFERS.within(joined)
    return declined and offered and not SWAPPABLE.within(joined)


# "Replace X with Y", "compensate unpaid overtime with a project day": X is what goes.
_REPLACING = frozenset(
    [
        "replace",
        "replaces",
        "replacing",
        "swap",
        "swapping",
        "trade",
        "compensate",
        "compensates",
        "compensating",
        "offset",
        "offsets",
    ]
)


def _replaced_part(words: list[str], index: int, word: str) -> list[str]:
    """What a substitution cue at ``index`` replaces: "instead of X", "replace X with Y"."""
    if word in SUBSTITUTION_CUES:
        end = index + 1
        while end < len(words) and words[end] not in ("so", "but", "and", "then", "we"):
            end += 1
        return words[index + 1 : end]
    if word in _REPLACING:
        for end in range(index + 1, len(words)):
            if words[end] in ("with", "by", "for"):
                return words[index + 1 : end]
    return []


def _check_fairness_ignored(inputs: MistakeInputs) -> list[Seen]:
    if inputs.gate.overridden:
        return [
            Seen("The pay-fairness gate was overridden; the workshop went on without it passing.")
        ]
    if not inputs.gate.locks_steps:
        return []
    worked_on = [step for step in LATER_STEPS if _in_play(inputs, step)]
    if not worked_on:
        return []
    no_pay_action = not any(a.step == "fairness" for a in inputs.actions)
    return [
        Seen(
            steps_held_words(worked_on, inputs.gate.state)
            + (", and no action on pay is planned." if no_pay_action else ".")
        )
    ]


def _check_substitute(inputs: MistakeInputs) -> list[Seen]:
    return [
        Seen(f"The {label} offers something in place of pay.", step)
        for label, step, text in _texts(inputs)
        if offered_instead_of_pay(text)
    ]


# -- purpose -------------------------------------------------------------------------------
def purpose_problem(statement: str) -> str | None:
    """What is wrong with a purpose statement: "money", "abstract", "unclear" or nothing.

    A statement that names people outside the business (or colleagues) it helps is fine; the
    business itself (the company, its revenue or margins) is not a beneficiary. One that names
    nobody and neither money nor slogans is "unclear": the warning asks whom it helps.
    """
    if not statement.strip() or _names_someone_helped(statement):
        return None
    if mentions(statement, BUSINESS_RESULTS, kept=True) or any(
        _money(words) for words in clauses(statement)
    ):
        return "money"
    if mentions(statement, ABSTRACT, kept=True):
        return "abstract"
    return "unclear"


def _names_someone_helped(statement: str) -> bool:
    """Whether people are named as helped: "faster than anyone else" is rivalry, not help."""
    return any(
        "than" not in words[max(0, i - 2) : i] and not SLOGAN_SUFFIXES.within(words[i + 1 : i + 2])
        for words in clauses(statement)
        for i in BENEFICIARIES.positions(words)
    )


PURPOSE_QUESTION = "Who is better off because of this work, and how?"


def _check_inauthentic_purpose(inputs: MistakeInputs) -> list[Seen]:
    problem = purpose_problem(inputs.decisions.get(PURPOSE_STATEMENT, ""))
    if problem == "money":
        return [
            Seen(
                "The purpose statement speaks of the business's own results and names nobody "
                "it helps."
            )
        ]
    if problem == "abstract":
        return [Seen("The purpose statement uses abstract words and names nobody it helps.")]
    if problem == "unclear":
        return [Seen("The purpose statement names nobody it helps.", question=PURPOSE_QUESTION)]
    return []


def _check_purpose_story(inputs: MistakeInputs) -> list[Seen]:
    started = inputs.step_statuses.get("purpose", "not_started") != "not_started"
    has_statement = bool(inputs.decisions.get(PURPOSE_STATEMENT, "").strip())
    stories = [n for n in inputs.notes if n.kind == "story" and not n.hidden]
    own = [c for c in inputs.own_cases if c.step == "purpose"]
    if (started or has_statement) and not stories and not own:
        return [Seen("Purpose is being worked on, but no specific story of impact was captured.")]
    return []


# -- mastery -------------------------------------------------------------------------------
def feedback_rhythm(text: str) -> str | None:
    """ "slow" or "fast" for a text naming a feedback rhythm, else None; fast wins."""
    joined = [w for clause in clauses(text) for w in clause]
    if not FEEDBACK.within(joined) and not any(w in ("reviewed", "reviews") for w in joined):
        return None
    kept = [
        days
        for words in clauses(text)
        for index, days in RHYTHMS.rhythms(words)
        if not taken_away(words, index)
    ]
    # "After each release", "after every pull request": feedback on each piece of work.
    per_piece = any(
        w == "after" and nxt in ("each", "every") and not RHYTHMS.rhythms(joined[i + 1 : i + 4])
        for i, (w, nxt) in enumerate(pairwise(joined))
    )
    if per_piece or any(RHYTHMS.fast(days) for days in kept):
        return "fast"
    return "slow" if kept else None


def _check_slow_feedback(inputs: MistakeInputs) -> list[Seen]:
    chosen = inputs.decisions.get(FEEDBACK_RHYTHM, "")
    if chosen in SLOW_DECISIONS:
        return [Seen(f"The feedback rhythm chosen is {chosen}, slower than fortnightly.")]
    if chosen in FAST_DECISIONS:
        return []
    rhythms = [(label, step, feedback_rhythm(text)) for label, step, text in _texts(inputs)]
    if any(rhythm == "fast" for _, _, rhythm in rhythms):
        return []
    return [
        Seen(f"The {label} sets feedback less often than every two weeks.", step)
        for label, step, rhythm in rhythms
        if rhythm == "slow"
    ]


def _check_all_dimensions(inputs: MistakeInputs) -> list[Seen]:
    chosen = {d.strip() for d in inputs.decisions.get(START_DIMENSION, "").split(",")}
    if set(AUTONOMY_DIMENSIONS) <= chosen:
        return [Seen("All four autonomy dimensions (what, how, when, who) are to change at once.")]
    return []


# -- the plan and the work -----------------------------------------------------------------
def owner_missing(owner: str) -> bool:
    """Whether ``owner`` names nobody in particular ("", "TBD", "the team", "everyone")."""
    return owner.strip().lower().rstrip(".") in NO_OWNER


def _check_action_owner_date(inputs: MistakeInputs) -> list[Seen]:
    found = []
    for action in inputs.actions:
        missing = [
            what
            for what, gone in (("owner", owner_missing(action.owner)), ("date", not action.due))
            if gone
        ]
        if missing:
            found.append(
                Seen(f"The action '{action.title}' has no {' or '.join(missing)}.", action.step)
            )
    return found


def _check_mostly_routine(inputs: MistakeInputs) -> list[Seen]:
    share = inputs.routine_share
    if share is not None and share > 0.5:
        return [Seen(f"{share:.0%} of the audited headcount does routine work.")]
    return []


CHECKS: dict[str, Callable[[MistakeInputs], list[Seen]]] = {
    "if_then_reward_for_creative_work": _check_if_then_creative,
    "defaulting_to_control": _check_control,
    "autonomy_without_structure": _check_autonomy_structure,
    "ignoring_baseline_fairness": _check_fairness_ignored,
    "substitute_for_pay": _check_substitute,
    "inauthentic_purpose": _check_inauthentic_purpose,
    "purpose_without_story": _check_purpose_story,
    "annual_feedback_only": _check_slow_feedback,
    "all_autonomy_dimensions_at_once": _check_all_dimensions,
    "action_without_owner_or_date": _check_action_owner_date,
    "mostly_routine_work": _check_mostly_routine,
}


def find_mistakes(inputs: MistakeInputs, content: Framework) -> list[Finding]:
    """Run every check; one finding per check that fires, listing everything it saw."""
    findings = []
    for check_id, check in CHECKS.items():
        seen = check(inputs)
        if not seen:
            continue
        texts = content.check(check_id)
        # A finding belongs where its first cause was seen (an idea on step 2 links to step 2).
        where = next((s.step for s in seen if s.step), texts.step)
        findings.append(
            Finding(
                id=check_id,
                step=where,
                title=texts.title,
                detected=" ".join(s.text for s in seen),
                why=texts.why,
                instead=texts.instead,
                mistake=texts.mistake,
                cases=texts.cases,
                question=None if any(not s.question for s in seen) else seen[0].question,
            )
        )
    return findings
