"""The security audit log: sign-ins, lockouts, passwords, admin changes, invites, reporting lines,
mentor access, exports and imports — who, when and from where, recorded in the transaction that did it.
Never a password or a token. Admins read it through services/audit_log.py."""

from __future__ import annotations

import contextlib
import contextvars
import enum
from collections.abc import Iterator

from sqlmodel import Session

from magicloop.models import AuditEvent, User

_client = contextvars.ContextVar("magicloop_client", default="")


class AuditKind(enum.StrEnum):
    SIGNED_UP = "signed up"
    SIGNED_IN = "signed in"
    SIGN_IN_FAILED = "sign-in failed"
    LOCKED_OUT = "sign-ins slowed or locked"
    SIGNED_OUT = "signed out"
    SESSION_ENDED = "session ended"
    PASSWORD_CHANGED = "password changed"
    PASSWORD_RESET_REQUESTED = "password reset requested"
    PASSWORD_RESET = "password reset"
    EMAIL_CHANGE_REQUESTED = "email change requested"
    EMAIL_CHANGED = "email changed"
    INVITED = "invited"
    INVITE_REVOKED = "invite revoked"
    JOINED = "joined by invite"
    DISABLED = "account disabled"
    ENABLED = "account enabled"
    MADE_ADMIN = "made admin"
    STEPPED_DOWN = "stepped down as admin"
    RESET_LINK_SENT = "reset link sent by an admin"
    LINE_SET = "reporting line set"
    LINE_ENDED = "reporting line ended"
    MENTOR_GRANTED = "mentor access granted"
    MENTOR_REVOKED = "mentor access revoked"
    CALENDAR_LINK_MADE = "calendar link made"
    CALENDAR_LINK_TURNED_OFF = "calendar link turned off"
    EXPORTED = "data exported"
    IMPORTED = "organisation imported"
    FRAMEWORK_PUBLISHED = "competency framework published"


@contextlib.contextmanager
def from_client(address: object) -> Iterator[None]:
    """Events recorded inside come from this client address (as the request's server saw it)."""
    token = _client.set(address[:64] if isinstance(address, str) else "")
    try:
        yield
    finally:
        _client.reset(token)


def record(
    db: Session,
    kind: AuditKind,
    *,
    actor: User | None = None,
    subject: User | None = None,
    organisation_id: int | None = None,
    email: str = "",
    detail: str = "",
) -> None:
    """One event, in the caller's transaction; the organisation is the actor's or the subject's."""
    person = actor or subject
    db.add(
        AuditEvent(
            organisation_id=organisation_id or (person.organisation_id if person else None),
            kind=kind.value,
            actor_id=actor.id if actor else None,
            subject_id=subject.id if subject else None,
            email=email[:254],
            client=_client.get(),
            detail=detail[:300],
        )
    )
