"""Private notes: the owner's alone. No timeline event, notification or export
ever carries them, since managers and mentors see those."""

from __future__ import annotations

import dataclasses

from sqlmodel import Session, select

from magicloop.models import PrivateNote, User, utcnow
from magicloop.services import versions
from magicloop.services.dates import local_moment
from magicloop.services.loop_rows import LOOP
from magicloop.services.loops import load_item, load_loop
from magicloop.services.policy import Action
from magicloop.services.prepared import built_once
from magicloop.services.validation import FormCheck


@dataclasses.dataclass(frozen=True)
class NoteRow:
    id: int
    body: str
    when: str
    version: int


def list_notes(db: Session, actor: User, loop_id: object) -> list[NoteRow]:
    loop = load_loop(db, actor, loop_id, Action.VIEW_PRIVATE)
    notes = db.exec(_notes(), params={"loop_id": loop.id}).all()
    return [
        NoteRow(id=n.id, body=n.body, when=local_moment(n.updated_at, actor.time_zone), version=n.version)
        for n in notes
    ]


@built_once
def _notes():
    return (
        select(PrivateNote)
        .where(PrivateNote.loop_id == LOOP)
        .order_by(PrivateNote.created_at.desc(), PrivateNote.id.desc())
    )


def _body(data: dict) -> str:
    form = FormCheck(data)
    body = form.text("note_body", "Note", max_len=8000, multiline=True)
    form.raise_if_errors()
    return body


def add_note(db: Session, actor: User, loop_id: object, data: dict) -> None:
    # Notes may be added to past loops too: they are the owner's own record.
    loop = load_loop(db, actor, loop_id, Action.VIEW_PRIVATE)
    db.add(PrivateNote(loop_id=loop.id, body=_body(data)))


def edit_note(db: Session, actor: User, note_id: object, data: dict) -> None:
    note, _ = load_item(db, actor, PrivateNote, note_id, Action.VIEW_PRIVATE)
    body = _body(data)
    versions.check(data, note, lambda found: [("Note", found.body)])
    note.body, note.updated_at = body, utcnow()
    db.add(note)


def delete_note(db: Session, actor: User, note_id: object) -> None:
    note, _ = load_item(db, actor, PrivateNote, note_id, Action.VIEW_PRIVATE)
    db.delete(note)
