"""Private notes: the owner's alone, on any of their loops, and never in the timeline
(which the manager and mentors see)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from magicloop.models import PrivateNote, TimelineEvent
from magicloop.services import notes
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.support import BAD_IDS, count, opened

SECRET = "Thinking of applying for the Head of CX role at Globex"


@pytest.fixture
def note(db, people, loop):
    notes.add_note(db, people.owner, loop.id, {"note_body": SECRET})
    db.flush()
    return db.exec(select(PrivateNote)).one().id


def test_the_owner_adds_lists_edits_and_deletes_notes(db, people, loop, note):
    notes.add_note(db, people.owner, loop.id, {"note_body": "  Ask Max about budget\nbefore Friday  "})
    assert [n.body for n in notes.list_notes(db, people.owner, loop.id)] == [
        "Ask Max about budget\nbefore Friday",
        SECRET,
    ]
    notes.edit_note(db, people.owner, note, {**opened(db, PrivateNote, note), "note_body": "Decided against Globex"})
    assert db.get(PrivateNote, note).body == "Decided against Globex"
    notes.delete_note(db, people.owner, note)
    assert [n.body for n in notes.list_notes(db, people.owner, loop.id)] == ["Ask Max about budget\nbefore Friday"]


def test_no_timeline_event_carries_a_note(db, people, loop, note):
    notes.edit_note(db, people.owner, note, {**opened(db, PrivateNote, note), "note_body": SECRET + ", still"})
    notes.add_note(db, people.owner, loop.id, {"note_body": "Globex called back"})
    assert count(db, TimelineEvent) == (0,)
    notes.delete_note(db, people.owner, note)
    assert count(db, TimelineEvent) == (0,)
    assert not any("Globex" in e.summary for e in db.exec(select(TimelineEvent)))


@pytest.mark.parametrize("who", ["manager", "mentor", "admin", "stranger"])
def test_nobody_else_sees_or_touches_a_note(db, people, loop, note, who):
    actor = getattr(people, who)
    for attempt in (
        lambda: notes.list_notes(db, actor, loop.id),
        lambda: notes.add_note(db, actor, loop.id, {"note_body": "Planted"}),
        lambda: notes.edit_note(db, actor, note, {**opened(db, PrivateNote, note), "note_body": "Changed"}),
        lambda: notes.delete_note(db, actor, note),
    ):
        with pytest.raises(Forbidden):
            attempt()
    assert [n.body for n in db.exec(select(PrivateNote))] == [SECRET]


@pytest.mark.parametrize("body", ["", "   ", None, "x" * 8001, ["note"], {"a": 1}, 5, "bad\x07bell"])
def test_a_bad_note_is_refused_and_changes_nothing(db, people, loop, note, body):
    for attempt in (
        lambda: notes.add_note(db, people.owner, loop.id, {"note_body": body}),
        lambda: notes.edit_note(db, people.owner, note, {**opened(db, PrivateNote, note), "note_body": body}),
    ):
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert "note_body" in refused.value.field_errors
    assert [n.body for n in db.exec(select(PrivateNote))] == [SECRET]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_notes_with_bad_ids_are_not_found(db, people, loop, note, bad):
    for attempt in (
        lambda: notes.list_notes(db, people.owner, bad),
        lambda: notes.add_note(db, people.owner, bad, {"note_body": "x"}),
        lambda: notes.edit_note(db, people.owner, bad, {**opened(db, PrivateNote, bad), "note_body": "x"}),
        lambda: notes.delete_note(db, people.owner, bad),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert [n.body for n in db.exec(select(PrivateNote))] == [SECRET]
