"""Who may do what to whom (DESIGN.md section 3), asked of the policy for real rows.

Each matrix test builds one professional with a loop, one person standing in one
relation to them, and a committed record of every kind in that loop, then asks the
policy about every action on each record, on the professional and on their
organisation. The expected answers are the tables below, written out by hand from
the design: change them only when the design changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    COEReview,
    Comment,
    Competency,
    CompetencyFramework,
    CompetencyRating,
    GrowthConversation,
    Idea,
    ItemStatus,
    Loop,
    ManagerAsk,
    MentorGrant,
    Organisation,
    PrivateNote,
    ProgressUpdate,
    QuarterlyReview,
    RaterKind,
    Recommendation,
    SelfReflection,
    Stage,
    StageReflection,
    TimelineEvent,
    User,
    utcnow,
)
from magicloop.services.errors import Forbidden
from magicloop.services.policy import Action, authorize

# ---------------------------------------------------------------------------
# The expected answers.
#
# One column per action, always in this order; a cell holds the column's letter
# when the action is allowed and "." when the server must refuse it.
#   V  see loops, items and timeline            P  see private notes
#   E  edit reflection, progress and replies    A  log an ask
#   R  log a recommendation                     W  record a growth conversation
#   M  rate competencies as manager            K  acknowledge a delivery
#   I  accept or decline an idea                C  comment
#   G  grant or revoke mentor access            S  see organisation aggregates
#   N  invite users and set reporting lines     Q  write and sign the manager's side of a quarterly review
#   F  edit and publish the competency framework
# ---------------------------------------------------------------------------

COLUMNS: tuple[tuple[str, Action], ...] = (
    ("V", Action.VIEW),
    ("P", Action.VIEW_PRIVATE),
    ("E", Action.EDIT_OWN),
    ("A", Action.LOG_ASK),
    ("R", Action.LOG_RECOMMENDATION),
    ("W", Action.RECORD_GROWTH),
    ("M", Action.RATE_AS_MANAGER),
    ("I", Action.DECIDE_IDEA),
    ("K", Action.ACKNOWLEDGE),
    ("Q", Action.REVIEW_AS_MANAGER),
    ("C", Action.COMMENT),
    ("G", Action.MANAGE_MENTORS),
    ("S", Action.VIEW_AGGREGATES),
    ("N", Action.ADMINISTER),
    ("F", Action.EDIT_FRAMEWORK),
)
NOTHING = ". . . . . . . . . . . . . . ."

# Asked of the professional, their loop, any record in it, or their timeline.
# The professional logs asks, and records the recommendations and feedback of
# their growth conversation (the loop's issue widens the design's "yes (asks)"),
# but never manager ratings. Organisation-level actions (S, N, F) are asked of the
# organisation itself, so nobody gets them here, admins included.
ON_THE_PROFESSIONALS_RECORDS: dict[str, str] = {
    #                               V P E A R W M I K Q C G S N F
    "owner": "V P E A R W . . . . C G . . .",
    "manager": "V . . A R W M I K Q C . . . .",
    "manager-from-today": "V . . A R W M I K Q C . . . .",
    "manager-until-next-month": "V . . A R W M I K Q C . . . .",
    "mentor": "V . . . . . . . . . C . . . .",
    "mentor-until-next-month": "V . . . . . . . . . C . . . .",
    "mentor-grant-expired": ". . . . . . . . . . . . . . .",
    "mentor-grant-revoked": ". . . . . . . . . . . . . . .",
    "former-manager": ". . . . . . . . . . . . . . .",
    "future-manager": ". . . . . . . . . . . . . . .",
    "stranger": ". . . . . . . . . . . . . . .",
    "their-report": ". . . . . . . . . . . . . . .",
    "their-mentee": ". . . . . . . . . . . . . . .",
    "admin": ". . . . . . . . . . . . . . .",
    "admin-elsewhere": ". . . . . . . . . . . . . . .",
    "disabled-owner": ". . . . . . . . . . . . . . .",
    "disabled-manager": ". . . . . . . . . . . . . . .",
    "disabled-mentor": ". . . . . . . . . . . . . . .",
    "disabled-admin": ". . . . . . . . . . . . . . .",
}

# A private note is the owner's alone, whatever the action: the owner keeps what
# they may do anywhere in their loop; everyone else gets nothing.
ON_A_PRIVATE_NOTE: dict[str, str] = {
    #                               V P E A R W M I K Q C G S N F
    "owner": "V P E A R W . . . . C G . . .",
}

# Asked of the professional's organisation: only its active admins may run it
# and see its aggregates; being someone's manager or mentor gives no part of it.
ON_THE_ORGANISATION: dict[str, str] = {
    #                               V P E A R W M I K Q C G S N F
    "admin": ". . . . . . . . . . . . S N F",
}


# ---------------------------------------------------------------------------
# The professional, and the people standing in each relation to them.
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class World:
    db: Session
    make: Any  # the shared factory from conftest
    organisation: Organisation
    professional: User
    loop: Loop
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def days(self, n: int) -> dt.date:
        return self.today + dt.timedelta(days=n)

    def colleague(self, name: str, *, admin: bool = False) -> User:
        return self.make.user(self.organisation, name, admin=admin)

    def disable(self, user: User) -> User:
        user.disabled_at = self.now
        self.db.add(user)
        self.db.commit()
        return user


@pytest.fixture
def world(db: Session, make) -> World:
    organisation = make.organisation()
    professional = make.user(organisation, "Priya Professional")
    return World(
        db=db,
        make=make,
        organisation=organisation,
        professional=professional,
        loop=make.loop(professional),
        now=utcnow(),
    )


RELATIONS: dict[str, Callable[[World], User]] = {}


def relation(name: str):
    def register(build: Callable[[World], User]) -> Callable[[World], User]:
        RELATIONS[name] = build
        return build

    return register


@relation("owner")
def _owner(w: World) -> User:
    return w.professional


@relation("manager")
def _manager(w: World) -> User:
    boss = w.colleague("Maria Manager")
    w.make.reporting_line(boss, w.professional, starts_on=w.days(-200))
    return boss


@relation("manager-from-today")
def _manager_from_today(w: World) -> User:
    boss = w.colleague("Noah Newmanager")
    w.make.reporting_line(boss, w.professional, starts_on=w.today)
    return boss


@relation("manager-until-next-month")
def _manager_until_next_month(w: World) -> User:
    boss = w.colleague("Olga Outgoing")
    w.make.reporting_line(boss, w.professional, starts_on=w.days(-200), ends_on=w.days(30))
    return boss


@relation("mentor")
def _mentor(w: World) -> User:
    mentor = w.colleague("Theo Mentor")
    w.make.mentor_grant(w.professional, mentor)
    return mentor


@relation("mentor-until-next-month")
def _mentor_until_next_month(w: World) -> User:
    mentor = w.colleague("Uma Mentor")
    w.make.mentor_grant(w.professional, mentor, expires_at=w.now + dt.timedelta(days=30))
    return mentor


@relation("mentor-grant-expired")
def _mentor_grant_expired(w: World) -> User:
    mentor = w.colleague("Ezra Expired")
    w.make.mentor_grant(w.professional, mentor, expires_at=w.now - dt.timedelta(days=1))
    return mentor


@relation("mentor-grant-revoked")
def _mentor_grant_revoked(w: World) -> User:
    mentor = w.colleague("Rita Revoked")
    w.make.mentor_grant(w.professional, mentor, revoked=True)
    return mentor


@relation("former-manager")
def _former_manager(w: World) -> User:
    boss = w.colleague("Fred Former")
    w.make.reporting_line(boss, w.professional, starts_on=w.days(-400), ends_on=w.days(-30))
    return boss


@relation("future-manager")
def _future_manager(w: World) -> User:
    boss = w.colleague("Fiona Future")
    w.make.reporting_line(boss, w.professional, starts_on=w.days(30))
    return boss


@relation("stranger")
def _stranger(w: World) -> User:
    # A colleague who manages and mentors other people, just not this professional.
    stranger = w.colleague("Sam Stranger")
    other = w.colleague("Olive Other")
    w.make.reporting_line(stranger, other, starts_on=w.days(-200))
    w.make.mentor_grant(other, stranger)
    return stranger


@relation("their-report")
def _their_report(w: World) -> User:
    # Someone the professional manages: the line runs the other way.
    report = w.colleague("Ravi Report")
    w.make.reporting_line(w.professional, report, starts_on=w.days(-200))
    return report


@relation("their-mentee")
def _their_mentee(w: World) -> User:
    # Someone who gave the professional mentor access: the grant runs the other way.
    mentee = w.colleague("Mina Mentee")
    w.make.mentor_grant(mentee, w.professional)
    return mentee


@relation("admin")
def _admin(w: World) -> User:
    return w.colleague("Ada Admin", admin=True)


@relation("admin-elsewhere")
def _admin_elsewhere(w: World) -> User:
    elsewhere = w.make.organisation("Globex Care")
    return w.make.user(elsewhere, "Gus Globex", admin=True)


@relation("disabled-owner")
def _disabled_owner(w: World) -> User:
    return w.disable(w.professional)


@relation("disabled-manager")
def _disabled_manager(w: World) -> User:
    return w.disable(_manager(w))


@relation("disabled-mentor")
def _disabled_mentor(w: World) -> User:
    return w.disable(_mentor(w))


@relation("disabled-admin")
def _disabled_admin(w: World) -> User:
    return w.disable(_admin(w))


# ---------------------------------------------------------------------------
# One real, committed row of each kind, in a loop the professional owns.
# ---------------------------------------------------------------------------


def _save(w: World, row):
    w.db.add(row)
    w.db.commit()
    return row


def _ask(w: World, loop: Loop | None = None) -> ManagerAsk:
    return _save(
        w,
        ManagerAsk(
            loop_id=(loop or w.loop).id,
            logged_by_id=w.professional.id,
            what="Take over the weekly NPS verbatims digest",
            asked_on=w.today,
        ),
    )


def _competency(w: World) -> Competency:
    return w.db.exec(
        select(Competency)
        .join(CompetencyFramework)
        .where(CompetencyFramework.organisation_id == w.organisation.id)
        .order_by(Competency.position)
    ).first()


def _carried_item(w: World) -> CarriedItem:
    # An ask still open at the end of loop 1, linked into loop 2.
    open_ask = _ask(w)
    next_loop = w.make.loop(w.professional, number=2)
    next_loop.previous_loop_id = w.loop.id
    _save(w, next_loop)
    return _save(w, CarriedItem(loop_id=next_loop.id, item_kind="ask", item_id=open_ask.id))


def _review(w: World, quarter: str = "2026Q4") -> QuarterlyReview:
    return _save(w, QuarterlyReview(owner_id=w.professional.id, quarter=quarter, owner_summary="A good quarter"))


RECORDS: dict[str, Callable[[World], object]] = {
    "User": lambda w: w.professional,
    "Loop": lambda w: w.loop,
    "ActionStep": lambda w: _save(
        w, ActionStep(loop_id=w.loop.id, description="Shadow two support calls a week", due_on=w.days(14))
    ),
    "CarriedItem": _carried_item,
    "COEReview": lambda w: _save(
        w,
        COEReview(
            loop_id=w.loop.id,
            author_id=w.professional.id,
            subject_kind="ask",
            subject_id=_ask(w).id,
            what_happened="The digest missed two weeks while the survey tool was down",
        ),
    ),
    "Comment": lambda w: _save(
        w,
        Comment(
            loop_id=w.loop.id,
            author_id=w.professional.id,
            subject_kind="loop",
            subject_id=w.loop.id,
            body="Delivered the first digest on Friday",
        ),
    ),
    "Comment on a quarterly review": lambda w: _save(
        w,
        Comment(
            author_id=w.professional.id,
            subject_kind="review",
            subject_id=_review(w, "2026Q3").id,
            body="The read-out became a habit",
        ),
    ),
    "CompetencyRating": lambda w: _save(
        w,
        CompetencyRating(
            loop_id=w.loop.id,
            competency_id=_competency(w).id,
            rater_id=w.professional.id,
            rater_kind=RaterKind.SELF,
            score=3,
        ),
    ),
    "GrowthConversation": lambda w: _save(
        w, GrowthConversation(loop_id=w.loop.id, recorded_by_id=w.professional.id, held_on=w.today)
    ),
    "Idea": lambda w: _save(
        w,
        Idea(
            loop_id=w.loop.id,
            author_id=w.professional.id,
            proposal="I could run a customer-centric culture pulse with the team",
        ),
    ),
    "ManagerAsk": _ask,
    "ProgressUpdate": lambda w: _save(
        w,
        ProgressUpdate(
            loop_id=w.loop.id, ask_id=_ask(w).id, author_id=w.professional.id, status=ItemStatus.IN_PROGRESS, percent=50
        ),
    ),
    "Recommendation": lambda w: _save(
        w,
        Recommendation(
            loop_id=w.loop.id, recommended_by_id=w.professional.id, what="Present the VoC findings at the QBR"
        ),
    ),
    "QuarterlyReview": _review,
    "SelfReflection": lambda w: _save(w, SelfReflection(loop_id=w.loop.id)),
    "StageReflection": lambda w: _save(w, StageReflection(loop_id=w.loop.id, stage=Stage.IMPLEMENT)),
    "TimelineEvent": lambda w: _save(
        w,
        TimelineEvent(
            owner_id=w.professional.id,
            loop_id=w.loop.id,
            actor_id=w.professional.id,
            kind="loop_started",
            summary="Started loop 1",
        ),
    ),
}


def _private_note(w: World) -> PrivateNote:
    return _save(w, PrivateNote(loop_id=w.loop.id, body="Nervous about asking for the VoC lead role"))


# ---------------------------------------------------------------------------
# Asking the policy.
# ---------------------------------------------------------------------------


def the_policys_row(w: World, actor: User, target: object, owner: User) -> str:
    """The policy's answers for every action, written as a table row.

    An allowed action must return the record's owner; a refused one must raise
    Forbidden (any other error fails the test).
    """
    cells = []
    for letter, action in COLUMNS:
        try:
            returned = authorize(w.db, actor, action, target)
        except Forbidden:
            cells.append(".")
            continue
        assert returned.id == owner.id, f"allowing {action.name} on {type(target).__name__} named the wrong owner"
        cells.append(letter)
    return " ".join(cells)


def expected_row(row: str) -> str:
    cells = row.split()
    assert len(cells) == len(COLUMNS), f"a table row needs {len(COLUMNS)} cells: {row!r}"
    for cell, (letter, _) in zip(cells, COLUMNS, strict=True):
        assert cell in (letter, "."), f"{cell!r} sits in the {letter} column: {row!r}"
    return " ".join(cells)


def test_the_tables_name_every_action_and_every_relation():
    assert [action for _, action in COLUMNS] == list(Action)
    assert set(ON_THE_PROFESSIONALS_RECORDS) == set(RELATIONS)
    assert set(ON_A_PRIVATE_NOTE) <= set(RELATIONS)
    assert set(ON_THE_ORGANISATION) <= set(RELATIONS)


@pytest.mark.parametrize("who", list(RELATIONS))
def test_who_may_do_what(world: World, who: str):
    """One person in one relation, asked about every action on every kind of record."""
    actor = RELATIONS[who](world)
    records = {kind: build(world) for kind, build in RECORDS.items()}
    note = _private_note(world)

    answers = {kind: the_policys_row(world, actor, record, world.professional) for kind, record in records.items()}
    answers["PrivateNote"] = the_policys_row(world, actor, note, world.professional)
    answers["Organisation"] = the_policys_row(world, actor, world.organisation, actor)

    expected = {kind: expected_row(ON_THE_PROFESSIONALS_RECORDS[who]) for kind in records}
    expected["PrivateNote"] = expected_row(ON_A_PRIVATE_NOTE.get(who, NOTHING))
    expected["Organisation"] = expected_row(ON_THE_ORGANISATION.get(who, NOTHING))
    assert answers == expected


def test_an_admin_runs_their_own_organisation_only(world: World):
    elsewhere = world.make.organisation("Globex Care")
    their_admin = world.make.user(elsewhere, "Gus Globex", admin=True)

    assert the_policys_row(world, their_admin, elsewhere, their_admin) == ". . . . . . . . . . . . S N F"
    assert the_policys_row(world, their_admin, world.organisation, their_admin) == NOTHING


def test_a_revoked_mentor_is_refused_on_their_next_request(world: World):
    mentor = _mentor(world)
    ask = _ask(world)
    authorize(world.db, mentor, Action.VIEW, ask)
    world.db.commit()  # the mentor's request ends

    # The professional revokes access from another browser, in its own transaction.
    with Session(world.db.get_bind()) as elsewhere:
        grant = elsewhere.exec(select(MentorGrant).where(MentorGrant.mentor_id == mentor.id)).one()
        grant.revoked_at = utcnow()
        elsewhere.add(grant)
        elsewhere.commit()

    with pytest.raises(Forbidden):
        authorize(world.db, mentor, Action.VIEW, ask)


def test_a_mentor_grant_lapses_when_it_expires(world: World):
    mentor = _mentor_until_next_month(world)
    ask = _ask(world)

    authorize(world.db, mentor, Action.COMMENT, ask, now=world.now + dt.timedelta(days=29))
    with pytest.raises(Forbidden):
        authorize(world.db, mentor, Action.VIEW, ask, now=world.now + dt.timedelta(days=31))


def test_a_manager_keeps_access_only_while_the_reporting_line_runs(world: World):
    outgoing = _manager_until_next_month(world)
    incoming = _future_manager(world)
    ask = _ask(world)
    next_month = world.now + dt.timedelta(days=31)

    authorize(world.db, outgoing, Action.LOG_ASK, ask, now=world.now + dt.timedelta(days=29))
    with pytest.raises(Forbidden):
        authorize(world.db, outgoing, Action.VIEW, ask, now=next_month)
    authorize(world.db, incoming, Action.LOG_ASK, ask, now=next_month)


def test_a_manager_loses_access_when_their_account_is_disabled(world: World):
    boss = _manager(world)
    ask = _ask(world)
    authorize(world.db, boss, Action.LOG_RECOMMENDATION, ask)

    world.disable(boss)

    with pytest.raises(Forbidden):
        authorize(world.db, boss, Action.VIEW, ask)


def test_relations_are_worked_out_once_per_transaction_and_again_after_any_write(world: World):
    mentor = _mentor(world)
    ask = _ask(world)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    bind = world.db.get_bind()
    event.listen(bind, "before_cursor_execute", count)
    try:
        authorize(world.db, mentor, Action.VIEW, ask)
        first = len(statements)
        authorize(world.db, mentor, Action.VIEW, ask)
    finally:
        event.remove(bind, "before_cursor_execute", count)
    assert len(statements) == first  # the same request asks again: nothing new is read

    grant = world.db.exec(select(MentorGrant).where(MentorGrant.mentor_id == mentor.id)).one()
    grant.revoked_at = utcnow()
    world.db.add(grant)  # not yet flushed: the pending change is seen all the same
    with pytest.raises(Forbidden):
        authorize(world.db, mentor, Action.VIEW, ask)
