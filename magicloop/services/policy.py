"""Who may do what to whom: DESIGN.md section 3, enforced on the server.

Roles come from relationships, not a role column. Every service function asks
`authorize` (or `require_admin`) before it reads or writes; the UI merely hides
what this module would refuse anyway.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Select, and_, bindparam, false, or_
from sqlmodel import Session, select

from magicloop.models import (
    LOOP_RECORDS,
    Comment,
    Loop,
    MentorGrant,
    Organisation,
    PrivateNote,
    QuarterlyReview,
    ReportingLine,
    TimelineEvent,
    User,
    utcnow,
)
from magicloop.services.errors import Forbidden, NotFound
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered


class Relation(enum.StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    MENTOR = "mentor"
    ADMIN = "admin"


class Action(enum.StrEnum):
    VIEW = "see loops, items and timeline"
    VIEW_PRIVATE = "see private notes"
    EDIT_OWN = "edit reflection, progress and replies"
    LOG_ASK = "log an ask"
    LOG_RECOMMENDATION = "log a recommendation"
    RECORD_GROWTH = "record a growth conversation"
    RATE_AS_MANAGER = "rate competencies as manager"
    DECIDE_IDEA = "accept or decline an idea"
    ACKNOWLEDGE = "acknowledge a delivery"
    REVIEW_AS_MANAGER = "write and sign the manager's side of a quarterly review"
    COMMENT = "comment"
    MANAGE_MENTORS = "grant or revoke mentor access"
    VIEW_AGGREGATES = "see organisation aggregates"
    ADMINISTER = "invite users and set reporting lines"
    EDIT_FRAMEWORK = "edit and publish the competency framework"


class PulseRole(enum.StrEnum):
    """How a person stands to a culture pulse."""

    RUNNER = "runner"  # runs it: invites, closes, attaches it as evidence
    INVITEE = "invitee"  # asked to answer
    READER = "reader"  # sees an item it is the evidence of: its aggregated results only


O, M, T, A = Relation.OWNER, Relation.MANAGER, Relation.MENTOR, Relation.ADMIN

# The permission table. The professional may also record the recommendations
# and feedback they heard in their growth conversation (the issue on the loop
# says so, and it is newer than the design's table), so those include the owner.
TABLE: dict[Action, frozenset[Relation]] = {
    Action.VIEW: frozenset({O, M, T}),
    Action.VIEW_PRIVATE: frozenset({O}),
    Action.EDIT_OWN: frozenset({O}),
    Action.LOG_ASK: frozenset({O, M}),
    Action.LOG_RECOMMENDATION: frozenset({O, M}),
    Action.RECORD_GROWTH: frozenset({O, M}),
    Action.RATE_AS_MANAGER: frozenset({M}),
    Action.DECIDE_IDEA: frozenset({M}),
    Action.ACKNOWLEDGE: frozenset({M}),
    Action.REVIEW_AS_MANAGER: frozenset({M}),
    Action.COMMENT: frozenset({O, M, T}),
    Action.MANAGE_MENTORS: frozenset({O}),
    Action.VIEW_AGGREGATES: frozenset({A}),
    Action.ADMINISTER: frozenset({A}),
    Action.EDIT_FRAMEWORK: frozenset({A}),
}

_ORGANISATION_ACTIONS = frozenset({Action.VIEW_AGGREGATES, Action.ADMINISTER, Action.EDIT_FRAMEWORK})
_PEOPLE = (User, ReportingLine, MentorGrant)  # what relations and participants are read from


def allows(relations: frozenset[Relation], action: Action) -> bool:
    return bool(relations & TABLE[action])


def is_active(user: User | None) -> bool:
    return user is not None and user.disabled_at is None


def line_is_current(today: dt.date) -> tuple:
    return ReportingLine.starts_on <= today, or_(ReportingLine.ends_on.is_(None), ReportingLine.ends_on > today)


def _grant_is_live(now: dt.datetime) -> tuple:
    return MentorGrant.revoked_at.is_(None), or_(MentorGrant.expires_at.is_(None), MentorGrant.expires_at > now)


# The named parameters of the policy's statements that are built once (services/prepared.py): whose the
# statement is about, or who looks, and when.
ACTOR, OWNER, TODAY, NOW = bindparam("actor_id"), bindparam("owner_id"), bindparam("today"), bindparam("now")
_ACTORS_ORGANISATION, _OWNERS_ORGANISATION = bindparam("actor_organisation_id"), bindparam("owner_organisation_id")


def as_actor(actor: User, now: dt.datetime, today: dt.date | None = None) -> dict:
    """The values of ACTOR's parameters. A disabled person is in no organisation: they relate to no one."""
    organisation_id = actor.organisation_id if is_active(actor) else None
    return {"actor_id": actor.id, "actor_organisation_id": organisation_id, "today": today or now.date(), "now": now}


def as_owner(owner: User, now: dt.datetime) -> dict:
    """The values of OWNER's parameters."""
    return {"owner_id": owner.id, "owner_organisation_id": owner.organisation_id, "today": now.date(), "now": now}


def participating():
    """The condition on `User` for everyone who takes part in OWNER's loops at NOW, as `relations_to` sees it:
    the owner, their current managers and the mentors they granted, if active and in the organisation
    (its parameters' values: `as_owner`)."""
    managers = select(ReportingLine.manager_id).where(ReportingLine.report_id == OWNER, *line_is_current(TODAY))
    mentors = select(MentorGrant.mentor_id).where(MentorGrant.owner_id == OWNER, *_grant_is_live(NOW))
    return and_(
        or_(User.id == OWNER, User.id.in_(managers), User.id.in_(mentors)),
        User.disabled_at.is_(None),
        User.organisation_id == _OWNERS_ORGANISATION,
    )


def relations_to(db: Session, actor: User, owner: User, now: dt.datetime | None = None) -> frozenset[Relation]:
    """How `actor` stands to the professional `owner` right now (worked out once per transaction)."""
    if not is_active(actor) or actor.organisation_id != owner.organisation_id:
        return frozenset()
    if now is not None:
        return _relations(db, actor, owner, now)
    return remembered(
        db, ("relations", actor.id, owner.id), lambda: _relations(db, actor, owner, utcnow()), reads=_PEOPLE
    )


def _relations(db: Session, actor: User, owner: User, now: dt.datetime) -> frozenset[Relation]:
    if actor.id == owner.id:  # nobody manages or mentors themselves (both are refused when set up)
        return frozenset({O})
    params = {"actor_id": actor.id, "owner_id": owner.id, "today": now.date(), "now": now}
    is_manager, is_mentor = db.exec(_manages_and_mentors(), params=params).one()
    return frozenset(({M} if is_manager else set()) | ({T} if is_mentor else set()))


@built_once
def _manages_and_mentors():
    manages = select(ReportingLine.id).where(
        ReportingLine.manager_id == ACTOR, ReportingLine.report_id == OWNER, *line_is_current(TODAY)
    )
    mentors = select(MentorGrant.id).where(
        MentorGrant.mentor_id == ACTOR, MentorGrant.owner_id == OWNER, *_grant_is_live(NOW)
    )
    return select(manages.exists(), mentors.exists())


def owner_of(db: Session, target: object) -> User | None:
    """The professional a record belongs to."""
    if isinstance(target, User):
        return target
    if isinstance(target, Comment) and target.loop_id is None:  # on a quarterly review
        target = db.get(QuarterlyReview, target.subject_id)
    if isinstance(target, (TimelineEvent, QuarterlyReview)):
        return db.get(User, target.owner_id)
    loop = target if isinstance(target, Loop) else None
    if isinstance(target, (*LOOP_RECORDS, PrivateNote)):
        loop = db.get(Loop, target.loop_id)
    return db.get(User, loop.owner_id) if loop is not None else None


def authorize(db: Session, actor: User, action: Action, target: object, now: dt.datetime | None = None) -> User:
    """Raise Forbidden unless `actor` may do `action` to `target`; returns its owner.

    Organisation-level actions take the Organisation as target. Private notes
    are the owner's whatever the action.
    """
    if isinstance(target, Organisation):
        if action in _ORGANISATION_ACTIONS and _is_admin_of(actor, target.id):
            return actor
        raise Forbidden()
    owner = owner_of(db, target)
    if owner is None:
        raise NotFound()
    relations = relations_to(db, actor, owner, now)
    if isinstance(target, PrivateNote):
        relations &= {O}
    if not allows(relations, action):
        raise Forbidden()
    return owner


def pulse_role(db: Session, actor: User, runner: User | None, invited: bool, attached: bool) -> PulseRole:
    """How `actor` stands to a pulse `runner` runs, or Forbidden: the runner, a colleague `invited` to it, or,
    when it is `attached` as an item's evidence, whoever may see the runner's loops. Never anyone from another
    organisation, nor a disabled person."""
    if runner is None or not is_active(actor) or actor.organisation_id != runner.organisation_id:
        raise Forbidden()
    if actor.id == runner.id:
        return PulseRole.RUNNER
    if invited:
        return PulseRole.INVITEE
    if attached and allows(relations_to(db, actor, runner), Action.VIEW):
        return PulseRole.READER
    raise Forbidden()


def colleagues_of(actor: User) -> Select:
    """Everyone active in `actor`'s organisation but them: whom they may ask to answer a pulse."""
    scope = User.organisation_id == actor.organisation_id if is_active(actor) else false()
    return select(User).where(scope, User.disabled_at.is_(None), User.id != actor.id)


def require_admin(actor: User, organisation_id: int) -> None:
    if not _is_admin_of(actor, organisation_id):
        raise Forbidden("Only an organisation admin can do that.")


def _is_admin_of(actor: User, organisation_id: int) -> bool:
    return is_active(actor) and actor.is_admin and actor.organisation_id == organisation_id


def manages_and_mentors(db: Session, actor: User, now: dt.datetime) -> tuple[bool, bool]:
    """Whether `actor` has a report, and a mentee, at `now`: one statement."""
    return tuple(db.exec(_has_reports_and_mentees(), params=as_actor(actor, now)).one())


@built_once
def _has_reports_and_mentees() -> Select:
    return select(_managed().exists(), _granted().exists())


def _colleagues_of(among) -> Select:
    """`among` (ids), kept to those `relations_to` would relate to ACTOR: their own organisation, while active."""
    return select(User.id).where(User.organisation_id == _ACTORS_ORGANISATION, User.id.in_(among))


@built_once
def _managed() -> Select:
    return select(ReportingLine.report_id).where(ReportingLine.manager_id == ACTOR, *line_is_current(TODAY))


@built_once
def _granted() -> Select:
    return select(MentorGrant.owner_id).where(MentorGrant.mentor_id == ACTOR, *_grant_is_live(NOW))


@built_once
def reports_of() -> Select:
    """The ids of everyone ACTOR manages on TODAY, for a whole team at once: the owners to
    whom `relations_to`, asked one by one, would give the manager's relation."""
    return _colleagues_of(_managed())


@built_once
def mentees_of() -> Select:
    """The ids of everyone whose live grant lets ACTOR follow them (the mentor's relation, all at once)."""
    return _colleagues_of(_granted())


@built_once
def followed_owners() -> Select:
    """Everyone whose progress ACTOR may see at NOW besides their own (reports and mentees), as one query."""
    return _colleagues_of(_managed().union(_granted()))


def followed_owner_ids(db: Session, actor: User, now: dt.datetime | None = None) -> list[int]:
    """`followed_owners`, read.

    Open tabs compare it whenever a change for this person is pushed: when it shrinks, they reload, so a
    revoked grant or an ended reporting line shows at once.
    """
    return sorted(db.exec(followed_owners(), params=as_actor(actor, now or utcnow())).all())
