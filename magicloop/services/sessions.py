"""A person's own sign-ins: each browser they are signed in on, and ending the ones they don't recognise.
An ended session stops resolving at once, so a tab that used it is signed out at its next event."""

from __future__ import annotations

import dataclasses
import re

from sqlmodel import Session, delete, select

from magicloop.models import AuthSession, User
from magicloop.services import audit
from magicloop.services.audit import AuditKind
from magicloop.services.dates import local_moment
from magicloop.services.errors import NotFound
from magicloop.services.security import token_digest
from magicloop.services.validation import is_id

# The first match names the browser, then the system (order matters: Edge and Chrome also say "Safari").
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrom", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


@dataclasses.dataclass(frozen=True)
class SessionRow:
    id: int
    device: str
    started: str
    last_seen: str
    current: bool  # the session of the tab asking


def device_label(user_agent: object) -> str:
    """A short name for the browser a user agent string describes, like "Firefox on Windows"."""
    text = user_agent if isinstance(user_agent, str) else ""
    browser = next((name for mark, name in _BROWSERS if mark in text), "")
    system = next((name for mark, name in _SYSTEMS if mark in text), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or re.sub(r"[^\w ./-]", "", text)[:40] or "Unknown browser"


def list_sessions(db: Session, actor: User, token: object) -> list[SessionRow]:
    """The actor's sessions, the one asking first, then the most recently active."""
    mine = token_digest(token) if isinstance(token, str) else ""
    found = db.exec(
        select(AuthSession).where(AuthSession.user_id == actor.id).order_by(AuthSession.last_seen_at.desc())
    ).all()
    rows = [
        SessionRow(
            id=s.id,
            device=s.device or "Unknown browser",
            started=local_moment(s.created_at, actor.time_zone),
            last_seen=local_moment(s.last_seen_at, actor.time_zone),
            current=s.token_hash == mine,
        )
        for s in found
    ]
    return sorted(rows, key=lambda row: not row.current)


def end_session(db: Session, actor: User, session_id: object, token: object) -> None:
    """End one of the actor's other sessions (this one ends by signing out)."""
    found = db.get(AuthSession, session_id) if is_id(session_id) else None
    if found is None or found.user_id != actor.id:
        raise NotFound("That session has already ended.")
    if isinstance(token, str) and found.token_hash == token_digest(token):
        raise NotFound("That is this session: sign out to end it.")
    db.delete(found)
    audit.record(db, AuditKind.SESSION_ENDED, actor=actor, detail=found.device)


def end_other_sessions(db: Session, actor: User, token: object) -> int:
    """Sign the actor out everywhere but here; how many sessions ended."""
    here = token_digest(token) if isinstance(token, str) else ""
    ended = db.exec(delete(AuthSession).where(AuthSession.user_id == actor.id, AuthSession.token_hash != here))
    if ended.rowcount:
        audit.record(db, AuditKind.SESSION_ENDED, actor=actor, detail=f"{ended.rowcount} other sessions")
    return ended.rowcount
