"""What a transaction announces to open pages: read from the rows it writes, so no
write can forget to tell the people looking; never a private note; nothing on rollback."""

from __future__ import annotations

import datetime as dt

from magicloop.services import changes, mentoring, notes, notifications, tracking

TODAY = dt.date(2026, 11, 22)


def fresh(db) -> None:
    db.commit()
    changes.take(db)


def test_an_ask_logged_by_the_manager_touches_the_loop_the_history_and_the_professional(db, people, loop):
    fresh(db)
    tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Own the CSAT read-out", "due_on": "2026-12-20"}, TODAY
    )
    db.flush()
    assert changes.pending(db) == {f"loop:{loop.id}", f"owner:{people.owner.id}", f"user:{people.owner.id}"}


def test_a_private_note_tells_nobody(db, people, loop):
    fresh(db)
    notes.add_note(db, people.owner, loop.id, {"note_body": "Thinking of applying for the Head of CX role"})
    db.flush()
    assert changes.pending(db) == set()


def test_revoking_a_grant_tells_the_mentor_so_their_open_tabs_let_go(db, people):
    grant = next(g for g in mentoring.list_grants(db, people.owner) if g.mentor_name == "Mia Mentor")
    fresh(db)
    mentoring.revoke_access(db, people.owner, grant.id)
    db.flush()
    assert f"user:{people.mentor.id}" in changes.pending(db)


def test_marking_notifications_read_updates_the_persons_other_tabs(db, people):
    fresh(db)
    notifications.mark_read(db, people.owner)
    assert changes.pending(db) == {f"user:{people.owner.id}"}


def test_a_rolled_back_transaction_announces_nothing(db, people, loop):
    fresh(db)
    tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Own the CSAT read-out", "due_on": "2026-12-20"}, TODAY
    )
    db.flush()
    db.rollback()
    assert changes.take(db) == frozenset()
