"""What the pulse pages show, each in one call: one's pulses and the form for a new one; one pulse, to answer
or to read. Results are computed here from the anonymous responses, and only from RESULTS_FROM of them."""

from __future__ import annotations

import dataclasses

from sqlalchemy import and_, case, func, literal, union, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from magicloop.models import DISCIPLINES, CulturePulse, Idea, Loop, ManagerAsk, PulseInvitation, PulseResponse, User
from magicloop.services.dates import local_day
from magicloop.services.notifications import loop_link
from magicloop.services.policy import PulseRole, colleagues_of
from magicloop.services.pulse import RESULTS_FROM, evidence, load_pulse

LISTED = 100  # pulses in each list, newest first (at most)
CHOICES = 100  # asks and ideas offered to attach a pulse to, newest first


@dataclasses.dataclass(frozen=True)
class PulseRow:
    id: int
    title: str
    runner: str
    started_on: str
    is_open: bool
    invited: int
    answered: int
    awaiting_me: bool  # the viewer is asked and hasn't answered while it is open


@dataclasses.dataclass(frozen=True)
class Colleague:
    id: int
    name: str


@dataclasses.dataclass(frozen=True)
class PulsesPage:
    invited: list[PulseRow]  # pulses the viewer is asked to answer: those awaiting them first
    mine: list[PulseRow]  # pulses the viewer runs
    colleagues: list[Colleague]  # whom they may ask


@dataclasses.dataclass(frozen=True)
class DisciplineResult:
    name: str
    mean: str  # "3.7"
    spread: str  # "2–5": the lowest and highest score given
    counts: list[int]  # how many gave 1, 2, 3, 4 and 5


@dataclasses.dataclass(frozen=True)
class Choice:
    value: str  # "ask-12", "idea-3"
    label: str


@dataclasses.dataclass(frozen=True)
class PulseView:
    id: int
    title: str
    runner: str
    role: str  # PulseRole
    started_on: str
    closed_on: str  # "" while open
    invited: int
    answered: int
    results_from: int  # how many answers results wait for
    results: list[DisciplineResult]  # empty until RESULTS_FROM answers
    comments: list[str]  # in the order of their text, never of their arrival
    can_answer: bool
    i_answered: bool
    invitees: list[str]  # for the runner: whom they asked (never who answered)
    choices: list[Choice]  # for the runner: their asks and ideas it may stand as the evidence of
    evidence: str  # what it is attached to, as the choice's value ("" for nothing)
    evidence_label: str
    evidence_link: str  # the item on its loop page


def pulses_page(db: Session, actor: User) -> PulsesPage:
    """The pulses the actor runs and those they are asked to answer, in one read, each with its runner's name and
    how many were asked and answered; and the colleagues they may ask."""
    mine = aliased(PulseInvitation)
    invited = select(func.count()).where(PulseInvitation.pulse_id == CulturePulse.id)
    answered = invited.where(PulseInvitation.answered)
    # Two index searches, not an OR across the join that would read every organisation's pulses.
    runs_or_asked = union(
        select(CulturePulse.id).where(CulturePulse.owner_id == actor.id),
        select(PulseInvitation.pulse_id).where(PulseInvitation.user_id == actor.id),
    )
    found = db.exec(
        select(CulturePulse, User.display_name, invited.scalar_subquery(), answered.scalar_subquery(), mine.answered)
        .join(User, User.id == CulturePulse.owner_id)
        .outerjoin(mine, and_(mine.pulse_id == CulturePulse.id, mine.user_id == actor.id))
        .where(CulturePulse.id.in_(runs_or_asked))
        .order_by(CulturePulse.id.desc())
        .limit(2 * LISTED)
    ).all()
    rows = [
        (
            p.owner_id == actor.id,
            my_answer,
            PulseRow(
                id=p.id,
                title=p.title,
                runner=runner,
                started_on=local_day(p.created_at, actor.time_zone).isoformat(),
                is_open=p.closed_at is None,
                invited=asked,
                answered=told,
                awaiting_me=my_answer is False and p.closed_at is None,
            ),
        )
        for p, runner, asked, told, my_answer in found
    ]
    people = db.exec(colleagues_of(actor).order_by(User.display_name, User.id)).all()
    return PulsesPage(
        invited=sorted((row for _, answer, row in rows if answer is not None), key=lambda r: not r.awaiting_me),
        mine=[row for runs, _, row in rows if runs],
        colleagues=[Colleague(id=p.id, name=p.display_name) for p in people],
    )


def results(responses: list[PulseResponse]) -> tuple[list[DisciplineResult], list[str]]:
    """Per discipline the mean, the spread and the counts of each score; the comments by their text. Nothing
    below RESULTS_FROM responses."""
    if len(responses) < RESULTS_FROM:
        return [], []
    found = []
    for column, name in DISCIPLINES:
        scores = [getattr(r, column) for r in responses]
        found.append(
            DisciplineResult(
                name=name,
                mean=f"{sum(scores) / len(scores):.1f}",
                spread=f"{min(scores)}–{max(scores)}",
                counts=[scores.count(n) for n in range(1, 6)],
            )
        )
    return found, sorted((r.comment for r in responses if r.comment), key=lambda c: (c.casefold(), c))


def _choices(db: Session, runner: User) -> list[Choice]:
    """The runner's asks and ideas, newest first, in one read."""
    loops = select(Loop.id).where(Loop.owner_id == runner.id)
    asks = select(literal("ask").label("kind"), ManagerAsk.id, ManagerAsk.what.label("text")).where(
        ManagerAsk.loop_id.in_(loops)
    )
    ideas = select(literal("idea").label("kind"), Idea.id, Idea.proposal.label("text")).where(Idea.loop_id.in_(loops))
    newest = [part.order_by(part.selected_columns.id.desc()).limit(CHOICES).subquery() for part in (asks, ideas)]
    found = db.exec(union_all(*(select(part) for part in newest))).all()
    return [Choice(f"{kind}-{i}", f"{kind.capitalize()}: {text[:80]}") for kind, i, text in found]


def _evidence(db: Session, pulse: CulturePulse) -> tuple[str, str, str]:
    """What the pulse is attached to: its choice value, its label and its link."""
    found = evidence(db, pulse.id)
    if found is None:
        return "", "", ""
    label = f"{found.kind.capitalize()}: {found.text[:80]}"
    return f"{found.kind}-{found.id}", label, loop_link(found.loop_id, found.kind, found.id)


def _participation(db: Session, pulse_id: int, runner: bool) -> tuple[int, int, list[str]]:
    """How many were asked and answered; for the runner, whom they asked (never who answered)."""
    counted = select(func.count(), func.coalesce(func.sum(case((PulseInvitation.answered, 1), else_=0)), 0))
    invited, answered = db.exec(counted.where(PulseInvitation.pulse_id == pulse_id)).one()
    if not runner:
        return invited, answered, []
    asked = select(PulseInvitation.user_id).where(PulseInvitation.pulse_id == pulse_id)
    return invited, answered, sorted(db.exec(select(User.display_name).where(User.id.in_(asked))).all())


def pulse_view(db: Session, actor: User, pulse_id: object) -> PulseView:
    pulse, invitation, role = load_pulse(db, actor, pulse_id)
    runner = db.get(User, pulse.owner_id)
    runs = role == PulseRole.RUNNER
    invited, answered, invitees = _participation(db, pulse.id, runs)
    shown, comments = [], []
    if answered >= RESULTS_FROM:
        shown, comments = results(db.exec(select(PulseResponse).where(PulseResponse.pulse_id == pulse.id)).all())
    evidence, label, link = _evidence(db, pulse)
    return PulseView(
        id=pulse.id,
        title=pulse.title,
        runner=runner.display_name,
        role=str(role),
        started_on=local_day(pulse.created_at, actor.time_zone).isoformat(),
        closed_on=local_day(pulse.closed_at, actor.time_zone).isoformat() if pulse.closed_at else "",
        invited=invited,
        answered=answered,
        results_from=RESULTS_FROM,
        results=shown,
        comments=comments,
        can_answer=invitation is not None and not invitation.answered and pulse.closed_at is None,
        i_answered=invitation is not None and invitation.answered,
        invitees=invitees,
        choices=_choices(db, runner) if runs else [],
        evidence=evidence,
        evidence_label=label,
        evidence_link=link,
    )
