"""The automatic mistake checks: a workshop's state in, a list of findings out.

Every check is a plain heuristic that can be explained in one sentence (docs/mistake-checks.md
lists them); the texts (why it is a mistake, what to do instead, which cases illustrate it)
live in ``checks.toml``. The checks that read wording use :mod:`ampdesk.framework.reading`,
so they read English only. A check speaks only once its step is in play, and one cause gives
one finding.
"""

from __future__ import annotations

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
    word_set,
)
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

# -- the words the checks know -------------------------------------------------------------
REWARDS = Terms.of(
    "bonus prize commission:n incentive:n payout:n reward award:n voucher:n gift_card:n kicker:n"
)
# A reward becomes if-then when the clause ties it to a condition or a count.
CONDITIONS = Terms.of(
    "=if =when =whenever =once =whoever =whichever =per =each =every target:n quota:n kpi:n "
    "okr:n tied linked =based =depending =contingent =conditional =best =top =most =fastest "
    "=first winner:n leaderboard:n hit reach meet beat exceed"
)
# "The winners get a trip": a prize for winning, whatever the prize is.
COMPETITION = Terms.of("winner:n win:n =wins =winning contest:n competition:n leaderboard:n")
RECEIVES = Terms.of("get =got receive earn =take_home")
# After the fact, without a promise: Pink's "now-that" reward, which the framework recommends.
NOW_THAT = Terms.of(
    "=afterwards =afterward =after_the_fact =now_that =unannounced =unexpected =unexpectedly "
    "surprise =spontaneous =spontaneously =unpromised =promised =announced =beforehand =ad_hoc"
)
PIECE_RATE = Terms.of("pay =per paid_per =per_story_point =per_feature =a_story_point")
MONEY = Terms.of("=eur =euro =euros =usd =dollars =pounds pay paid cash money")
CREATIVE_WORK = Terms.of(
    "feature design:n story_point idea:n release:n prototype:n code:n commit:n pull_request "
    "sprint:n launch:n research:n innovation:n experiment:n article:n patent:n ship deploy "
    "=shipped =ships =shipping"
)
ROUTINE_WORK = Terms.of(
    "ticket:n call:n order:n parcel:n invoice:n shift:n unit:n piece:n sale:n appointment:n "
    "data_entry claim:n delivery:n pick:n package:n"
)
# The head word of a role title is what people write ("the engineers"); common aliases too.
_ROLE_ALIASES = {
    "engineer": "engineer engineering developer dev programmer",
    "developer": "developer dev engineer engineering programmer",
    "designer": "designer design",
    "support": "support helpdesk help_desk",
    "agent": "agent support",
}
_GENERIC_ROLE_WORDS = word_set(
    "senior junior mid lead head of the and staff principal associate assistant team level "
    "manager i ii iii customer product software service"
)

CONTROLS = Terms.of(
    "approve approval:n signoff ok_from okd oks okayed =okays permission:n monitor surveillance:n "
    "keystroke:n screen_recording time_track track_hours track_time timesheet:n clock_in "
    "clock_out status_report status_update daily_report micromanage micromanagement:n "
    "activity_track tracking_software"
)
PAY = Terms.of(
    "pay salary:n wage:n raise rise:n compensation:n money:n increase:n payrise:n market_rate "
    "cost_of_living"
)
PAY_FREEZE = Terms.of("pay_freeze salary_freeze wage_freeze freeze_pay freeze_salaries")
# Contingent rewards: swapping them for thanks or salary is the framework's advice.
SWAPPABLE = Terms.of("bonus prize commission:n incentive:n voucher:n payout:n award:n")

BUSINESS_RESULTS = Terms.of(
    "shareholder investor share_price profit profitability:n revenue:n growth:n market_share "
    "ebitda:n return:n valuation:n margin:n earnings target:n bottom_line market_leader "
    "=profitable =lucrative =largest =biggest =fastest_growing "
    "=number_one =no_1 dominate outperform competitor:n"
)
ABSTRACT = Terms.of(
    "excellence synergy world_class best_in_class =leading innovation:n integrity:n "
    "value_creation passion:n cutting_edge leverage empower quality:n =innovative "
    "=excellent =greatness values:n =premier"
)
# People (and other organisations) outside the business, or colleagues: someone helped.
BENEFICIARIES = Terms.of(
    "customer:n client:n user:n patient:n people:n person:n student:n pupil:n family:n child:n "
    "=children kid:n community:n neighbour:n neighbor:n citizen:n resident:n reader:n "
    "traveller:n traveler:n passenger:n member:n farmer:n teacher:n nurse:n doctor:n carer:n "
    "=someone =anyone =everyone owner:n parent:n tenant:n guest:n shopper:n buyer:n "
    "learner:n visitor:n driver:n rider:n musician:n artist:n author:n researcher:n "
    "=pharmacies clinic:n school:n hospital:n charity:n library:n shop:n restaurant:n "
    "bakery:n =bakeries =businesses =companies =firms =organisations =organizations "
    "household:n colleague:n =elderly =women =men =girls =boys worker:n employee:n =staff "
    "=practices =farms =homes cyclist:n commuter:n volunteer:n"
)

FEEDBACK = Terms.of(
    "review:n feedback:n oneonone check_in =checkin =checkins retro:n retrospective:n "
    "appraisal:n catch_up =catchup conversation:n progress_check coaching:n =1on1 =1on1s chat:n "
    "okr_review"
)
SLOW_RHYTHMS = Terms.of(
    "=annual =annually =yearly =monthly =quarterly =once_a_year =once_a_month =twice_a_year "
    "=every_quarter =every_month =every_year =semi_annual =biannual =half_yearly "
    "=every_six_months =every_three_months =every_4_weeks =every_four_weeks =every_six_weeks "
    "=every_6_weeks =end_of_year =each_quarter =each_month =per_quarter =a_quarter =a_year "
    "=per_year =each_year =a_month =per_month"
)
FAST_RHYTHMS = Terms.of(
    "=weekly =daily =fortnightly =every_week =every_day =every_sprint =each_sprint =each_week "
    "=a_week =per_week =twice_a_month =every_monday =every_tuesday =every_wednesday "
    "=every_thursday =every_friday =after_each =after_every =end_of_each_sprint"
)
_SLOW_UNITS = word_set("month quarter year half appraisal")
SLOW_DECISIONS = ("monthly", "quarterly", "annual")
FAST_DECISIONS = ("weekly", "fortnightly")

GRANTS = Terms.of(
    "let allow choose decide own:n =own self pick flexible:n flexibility:n free freedom:n "
    "autonomy:n autonomous:n opt remote:n trust control_over =say =whenever =wherever "
    "work_from_home home_office"
)
STRUCTURE = Terms.of(
    "goal:n aim:n target:n limit boundary:n guardrail:n budget:n scope:n =within =up_to "
    "review trial:n pilot =until retro:n retrospective:n check_in evaluate revisit "
    "measure:n success:n criterion:n =criteria =as_long_as =provided outcome:n agreed agree "
    "=weeks =months"
)
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
    """What a check saw, and the step it was seen in (``None``: the check's own step)."""

    text: str
    step: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected mistake: what was seen, why it matters, what to do, which case helps."""

    id: str
    step: str
    title: str
    detected: str
    why: str
    instead: str
    mistake: str | None
    cases: tuple[str, ...]


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
        if NOW_THAT.within(words):
            continue
        for index in REWARDS.positions(words):
            if taken_away(words, index):
                continue
            part = words[scope_start(words, index) :]
            commission = words[index].startswith("commission")
            if commission or _conditioned(part) or _for_doing(part):
                return True
        if RECEIVES.within(words) and (
            COMPETITION.within(words)
            or (_money(words) and (_conditioned(words) or "whose" in words))
        ):
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


_CALENDAR = word_set(
    "day week month quarter year january february march april may june july august september "
    "october november december christmas"
)


def _conditioned(words: list[str]) -> bool:
    """Whether a condition or a count is named ("if", "per feature"), not a date ("each year")."""
    return any(
        not (words[i] in ("each", "every", "per") and _CALENDAR & set(words[i + 1 : i + 2]))
        for i in CONDITIONS.positions(words)
    )


def _money(words: list[str]) -> bool:
    """Whether the words speak of money: an amount in a currency, pay or cash."""
    return MONEY.within(words) or any(any(c in w for c in "€$£") for w in words)


def _for_doing(words: list[str]) -> bool:
    """A reward "for shipping", "for closing": the prize is for doing something."""
    return any(
        w == "for" and nxt.endswith("ing") and nxt not in ("everything", "nothing", "something")
        for w, nxt in pairwise(words)
    )


def if_then_for_creative(text: str, roles: tuple[RoleFigures, ...]) -> bool:
    """Whether ``text`` plans an if-then reward for creative work (not for routine work)."""
    if not contingent_reward(text):
        return False
    words = [w for clause in clauses(text) for w in clause]
    creative = role_words(roles, "creative").within(words) or CREATIVE_WORK.within(words)
    routine = role_words(roles, "routine").within(words) or ROUTINE_WORK.within(words)
    has_creative_roles = any(r.work_type == "creative" for r in roles)
    return creative or (has_creative_roles and not routine)


def _check_if_then_creative(inputs: MistakeInputs) -> list[Seen]:
    return [
        Seen(f"The {label} promises a reward in advance, tied to creative work.", step)
        for label, step, text in _texts(inputs)
        if if_then_for_creative(text, inputs.roles)
    ]


# -- control -------------------------------------------------------------------------------
# "It's OK to fail" is no approval; "the lead's OK", "an OK from" is.
_NOT_AN_APPROVAL_BEFORE_OK = word_set("is its it be are was were feel feels that thats all s")


# "The lead reviews every pull request" is an approval step; "review every Friday" is a rhythm.
SUPERVISES = Terms.of("review check vet inspect")
_TIMES = word_set(
    "day morning week sprint month quarter year monday tuesday wednesday thursday friday release"
)


def _supervises_all(words: list[str]) -> bool:
    return any(
        words[i + 1 : i + 2] in (["every"], ["all"], ["each"])
        and not _TIMES & set(words[i + 2 : i + 4])
        and not taken_away(words, i)
        for i in SUPERVISES.positions(words)
    )


def adds_control(text: str) -> bool:
    """Whether ``text`` adds an approval, sign-off or monitoring (removing one does not)."""
    if mentions(text, CONTROLS, kept=True) or any(_supervises_all(w) for w in clauses(text)):
        return True
    return any(
        word in ("ok", "okay")
        and index
        and words[index - 1] not in _NOT_AN_APPROVAL_BEFORE_OK
        and not taken_away(words, index)
        for words in clauses(text)
        for index, word in enumerate(words)
    )


def _check_control(inputs: MistakeInputs) -> list[Seen]:
    found = [
        Seen(f"The action '{a.title}' adds approval or monitoring.", a.step)
        for a in inputs.actions
        if adds_control(f"{a.title}. {a.measure}")
    ]
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
    grants = mentions(text, GRANTS) or (
        mentions(text, CONTROLS, kept=False) and not adds_control(text)
    )
    return grants and not mentions(text, STRUCTURE, kept=False)


def _check_autonomy_structure(inputs: MistakeInputs) -> list[Seen]:
    if {"autonomy.limits_agreed", "autonomy.review_date_set"} <= inputs.ticked:
        return []
    return [
        Seen(f"The action '{a.title}' gives freedom with no goal, limits or review date.", a.step)
        for a in inputs.actions
        if a.step == "autonomy" and not a.measure.strip()
        if grants_autonomy_without_structure(a.title)
    ]


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
    offers = any(w in ("so", "but", "instead") for w in joined)
    return declined and offers and not SWAPPABLE.within(joined)


def _replaced_part(words: list[str], index: int, word: str) -> list[str]:
    """What a substitution cue at ``index`` replaces: "instead of X", "replace X with Y"."""
    if word in SUBSTITUTION_CUES:
        end = index + 1
        while end < len(words) and words[end] not in ("so", "but", "and", "then", "we"):
            end += 1
        return words[index + 1 : end]
    if word in ("replace", "replaces", "replacing", "swap", "swapping", "trade"):
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
    """What is wrong with a purpose statement: "money", "abstract" or nothing (None).

    A statement that names people outside the business (or colleagues) it helps is fine; the
    business itself (the company, its revenue or margins) is not a beneficiary.
    """
    if not statement.strip() or mentions(statement, BENEFICIARIES, kept=False):
        return None
    if mentions(statement, BUSINESS_RESULTS, kept=True):
        return "money"
    if mentions(statement, ABSTRACT, kept=True):
        return "abstract"
    return None


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
    fast = [
        i
        for i in FAST_RHYTHMS.positions(joined)
        if not (joined[i] == "after" and _SLOW_UNITS & set(joined[i + 2 : i + 3]))
    ]
    if fast:
        return "fast"
    if SLOW_RHYTHMS.within(joined):
        return "slow"
    return None


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
            )
        )
    return findings
