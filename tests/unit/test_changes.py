"""What a transaction announces to open pages: read from the rows it writes, so no
write can forget to tell the people looking; never a private note; nothing on rollback."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from magicloop.models import ManagerAsk
from magicloop.services import changes, loop_page, mentoring, notes, notifications, tracking

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


def test_a_change_says_which_tables_it_wrote_and_a_bulk_write_that_it_cannot(db, people, loop):
    fresh(db)
    tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Own the CSAT read-out", "due_on": "2026-12-20"}, TODAY
    )
    db.commit()
    told = changes.take(db)
    assert changes.written(told) == {"managerask", "timelineevent", "notification"}
    notifications.mark_read(db, people.owner)
    assert changes.written(changes.take(db)) is None
    tracking.delete_item(db, people.manager, "ask", db.exec(select(ManagerAsk.id)).first())
    db.commit()
    assert changes.written(changes.take(db)) is None  # its progress went with it, by the database's cascade


def test_the_loop_page_reloads_the_parts_that_read_what_a_change_wrote():
    assert loop_page.parts_reading(frozenset({"managerask", "timelineevent", "notification"})) == {"working"}
    assert loop_page.parts_reading(frozenset({"comment", "notification"})) == {"threads"}
    assert loop_page.parts_reading(frozenset({"progressupdate"})) == {"working", "growing"}
    assert loop_page.parts_reading(frozenset({"competencyrating"})) == {"reflecting"}
    assert loop_page.parts_reading(frozenset({"timelineevent"})) == set()  # the stepper alone
    assert loop_page.parts_reading(frozenset({"managerask", "loop"})) is None  # the loop itself: all of it
    assert loop_page.parts_reading(None) is None
