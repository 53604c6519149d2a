"""The growth packet: a period of a professional's loops as Markdown and PDF, for whoever may see them,
private notes only for their owner who asks for them, a Success Index per quarter."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import event
from sqlmodel import select

from magicloop.models import (
    ActionStep,
    AuditEvent,
    Competency,
    CompetencyRating,
    ManagerAsk,
    PrivateNote,
    ProgressUpdate,
    Recommendation,
)
from magicloop.services import packet, packet_file
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.support import BAD_IDS

TODAY = dt.date(2026, 11, 22)
PERIOD = {"since": "2026-01-01", "until": "2026-11-22"}
GOAL = "Lead our VoC programme — Zoë’s plan, Ελληνικά και Русский"
ON_TIME, LATE, MISSED = "Run the NPS readout", "Fix the survey sampling bias", "Map the returns journey"
EVIDENCE = "https://wiki.example.com/nps-readout"
REPLY = "Presented at the CX guild on Tuesday"
NOTE = "Nervous about the readout"


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, tzinfo=dt.UTC)


@pytest.fixture
def history(db, make, people):
    loop = make.loop(people.owner, goal=GOAL)
    loop.target_role, loop.started_at = "Head of VoC", at(1, 10)
    owner, manager = people.owner, people.manager
    asks = [
        ManagerAsk(loop_id=loop.id, logged_by_id=manager.id, what=ON_TIME, asked_on=dt.date(2026, 2, 1),
                   due_on=dt.date(2026, 3, 20), status="done", completed_at=at(3, 18), outcome="Readout delivered"),
        ManagerAsk(loop_id=loop.id, logged_by_id=manager.id, what=LATE, asked_on=dt.date(2026, 2, 1),
                   due_on=dt.date(2026, 3, 25), status="done", completed_at=at(4, 2)),
        ManagerAsk(loop_id=loop.id, logged_by_id=manager.id, what=MISSED, asked_on=dt.date(2026, 2, 1),
                   due_on=dt.date(2026, 3, 30)),
    ]  # fmt: skip
    rec = Recommendation(loop_id=loop.id, recommended_by_id=manager.id, what="Present at the CX guild",
                         due_on=dt.date(2026, 12, 15), closing_reply=REPLY, replied_at=at(11, 2))  # fmt: skip
    db.add_all([loop, *asks, rec, PrivateNote(loop_id=loop.id, body=NOTE)])
    db.flush()
    db.add(ProgressUpdate(loop_id=loop.id, ask_id=asks[0].id, author_id=owner.id, status="done", percent=100,
                          evidence_links=EVIDENCE))  # fmt: skip
    competency = db.exec(select(Competency).order_by(Competency.position)).first()
    for kind, rater, score in (("self", owner, 3), ("manager", manager, 4)):
        db.add(CompetencyRating(loop_id=loop.id, competency_id=competency.id, rater_id=rater.id, rater_kind=kind,
                                score=score))  # fmt: skip
    db.commit()
    return loop


def markdown(db, actor, owner, **form) -> str:
    made = packet.gather(db, actor, owner.id, {**PERIOD, "format": "markdown", **form}, TODAY)
    return packet_file.render(made).data.decode()


def test_the_owner_exports_goal_asks_evidence_replies_ratings_and_the_index(db, people, history):
    text = markdown(db, people.owner, people.owner)
    for shown in ("Growth packet: Ada Owner", "Head of VoC", ON_TIME, "Readout delivered", EVIDENCE, REPLY):
        assert shown in text
    assert "Customer research and surveys | 3 / 4 |" in text  # self / manager
    # Q1: one on time (1), one late (½), one missed (0): 50 %. Q4: the recommendation is not due yet.
    assert "| 2026 Q1 | 50% | 1 | 1 | 1 | 0 |" in text
    assert "| 2026 Q4 | — | 0 | 0 | 0 | 1 |" in text
    assert "Zoë’s plan, Ελληνικά και Русский" in text
    assert NOTE not in text, "private notes only when asked for"
    assert db.exec(select(AuditEvent.detail)).all() == ["growth packet 2026-01-01–2026-11-22 as Markdown"]


def test_private_notes_only_for_their_owner_who_ticks_the_box(db, people, history):
    assert NOTE in markdown(db, people.owner, people.owner, private_notes="on")
    for viewer in (people.manager, people.mentor):
        assert NOTE not in markdown(db, viewer, people.owner)
        with pytest.raises(InvalidInput) as refused:
            markdown(db, viewer, people.owner, private_notes="on")
        assert "private_notes" in refused.value.field_errors


@pytest.mark.parametrize("who", ["stranger", "former", "expired_mentor", "revoked_mentor", "admin", "outsider"])
def test_no_one_else_exports_it(db, people, history, who):
    with pytest.raises(Forbidden):
        markdown(db, getattr(people, who), people.owner)
    assert db.exec(select(AuditEvent)).all() == []


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_person_who_isnt_there(db, people, bad):
    with pytest.raises(NotFound):
        packet.gather(db, people.owner, bad, PERIOD, TODAY)


@pytest.mark.parametrize(
    "form, field",
    [
        ({"since": "", "until": "2025-01-01"}, "until"),  # empty: a year before today, which is after
        ({"since": "2026-05-01", "until": "2026-04-01"}, "until"),
        ({"since": "the day after never", "until": "today"}, "since"),
        ({**PERIOD, "format": "docx"}, "format"),
    ],
)
def test_a_period_or_format_that_makes_no_sense_is_refused_beside_its_field(db, people, form, field):
    with pytest.raises(InvalidInput) as refused:
        packet.gather(db, people.owner, people.owner.id, form, TODAY)
    assert field in refused.value.field_errors


def test_loops_outside_the_period_are_left_out(db, people, history):
    text = markdown(db, people.owner, people.owner, since="2025-01-01", until="2025-12-31")
    assert ON_TIME not in text and "No loop ran in this period." in text


def test_the_pdf_opens_and_holds_the_text_in_any_script_and_wraps_long_text(db, people, history):
    history.goal = GOAL + " " + "verylongwordwithoutanyspace" * 12
    db.add(history)
    db.commit()
    made = packet.gather(db, people.owner, people.owner.id, {**PERIOD, "format": "pdf"}, TODAY)
    file = packet_file.render(made)
    assert file.filename == "growth-packet-ada-owner-2026-01-01-to-2026-11-22.pdf"
    reader = PdfReader(io.BytesIO(file.data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for shown in ("Growth packet: Ada Owner", ON_TIME, EVIDENCE, REPLY, "Zoë", "Ελληνικά", "Русский", "50%"):
        assert shown in text
    assert reader.metadata.title == "Growth packet: Ada Owner"


def test_what_people_typed_stays_text_in_markdown(db, people, history):
    history.goal = "# Not a heading *nor bold* [nor a link](x)"
    db.add(history)
    db.commit()
    text = markdown(db, people.owner, people.owner)
    assert "\\# Not a heading \\*nor bold\\* \\[nor a link\\](x)" in text


def test_the_statements_stay_the_same_however_long_the_history(db, engine, make, people, history):
    def statements() -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            markdown(db, people.owner, people.owner, private_notes="on")
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    few = statements()
    for n in range(20):
        second = make.loop(people.owner, goal=f"Loop {n}", number=n + 2)
        db.add(ManagerAsk(loop_id=second.id, logged_by_id=people.manager.id, what=f"Ask {n}",
                          asked_on=dt.date(2026, 2, 1), due_on=dt.date(2026, 6, 1)))  # fmt: skip
        db.add(ActionStep(loop_id=second.id, description=f"Step {n}", due_on=dt.date(2026, 6, 2)))
        db.add(PrivateNote(loop_id=second.id, body=f"Note {n}"))
    db.commit()
    assert statements() == few
