"""Edits never silently lost: every row a person edits carries a version, and a save from a form opened at
an older version, or at none, is refused with the record as it now reads — nothing is overwritten."""

from __future__ import annotations

import pytest
from sqlmodel import select

from magicloop.models import CompetencyRating, Idea, Loop, ManagerAsk, ProgressUpdate, TimelineEvent
from magicloop.services import framework, loops, notifications, reflection, repeat, tracking
from magicloop.services.errors import Forbidden
from magicloop.services.versions import CHANGED, Conflict, Shown
from tests.clock import NOON
from tests.support import count
from tests.unit.editable_rows import CASES, Case, logged_ask, suggested_idea

pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.date()


GARBAGE = [None, "", "one", "-1", "1.0", " 1", "1" * 12, -1, 2**40, True, 1.0, [1], {"version": 1}]


def _form(case: Case, db, people, target, text: str, version: object) -> dict:
    return {**case.form(db, people, text), case.field(db, people, target): version}


def _version(case: Case, db, people, target) -> int:
    db.flush()  # each save is its own transaction in the app: its version is bumped by now
    row = case.row(db, people, target)
    return row.version if row is not None else 0


def _stored(case: Case, db, people, target) -> str | None:
    db.flush()
    row = case.row(db, people, target)
    db.refresh(row) if row is not None else None
    return case.read(row) if row is not None else None


@pytest.fixture(params=list(CASES))
def case(request) -> Case:
    """Each kind of row a person edits."""
    return CASES[request.param]


@pytest.fixture
def target(db, people, loop, case: Case):
    return case.make(db, people, loop)


def test_a_save_at_the_version_it_opened_at_is_written_and_moves_the_version_on(db, people, target, case):
    opened = _version(case, db, people, target)
    case.save(db, people, target, _form(case, db, people, target, "Mine, written", str(opened)))
    assert _stored(case, db, people, target) == "Mine, written"
    assert _version(case, db, people, target) == opened + 1


@pytest.mark.parametrize("version", GARBAGE + ["missing"])
def test_a_save_without_a_version_or_with_garbage_is_refused_and_writes_nothing(db, people, target, case, version):
    before, events = _stored(case, db, people, target), count(db, TimelineEvent)
    form = _form(case, db, people, target, "Mine", version)
    if version == "missing":
        form.pop(case.field(db, people, target))
    with pytest.raises(Conflict) as refused:
        case.save(db, people, target, form)
    assert refused.value.message == CHANGED
    field = case.field(db, people, target)
    assert refused.value.changed.versions == {field: _version(case, db, people, target)}
    assert _stored(case, db, people, target) == before and count(db, TimelineEvent) == events


@pytest.mark.parametrize("case", [name for name, case in CASES.items() if not case.decided_once], indirect=True)
def test_a_save_from_a_form_opened_before_someone_else_saved_is_refused_with_their_text(db, people, target, case):
    """Two tabs open the same form; the second to save is told, is shown the first one's text, and overwrites
    nothing. Having seen it, saving again from the version it was shown replaces it knowingly."""
    opened = _version(case, db, people, target)
    case.save(db, people, target, _form(case, db, people, target, "Theirs, saved first", str(opened)))
    progress, events = count(db, ProgressUpdate), count(db, TimelineEvent)

    with pytest.raises(Conflict) as refused:
        case.save(db, people, target, _form(case, db, people, target, "Mine, saved second", str(opened)))

    changed = refused.value.changed
    assert _stored(case, db, people, target) == "Theirs, saved first"
    assert (count(db, ProgressUpdate), count(db, TimelineEvent)) == (progress, events)
    field = case.field(db, people, target)
    assert changed.versions == {field: _version(case, db, people, target)} == {field: opened + 1}
    shown = {field.label: field.text for field in changed.fields}
    assert "Theirs, saved first" in shown[case.label]
    seen = str(changed.versions[field])
    case.save(db, people, target, _form(case, db, people, target, "Mine, having seen theirs", seen))
    assert _stored(case, db, people, target) == "Mine, having seen theirs"


def test_a_decision_on_an_idea_someone_already_decided_is_refused(db, people, loop):
    idea = suggested_idea(db, people, loop)
    case = CASES["idea decision"]
    case.save(db, people, idea, _form(case, db, people, idea, "Next quarter", "1"))
    with pytest.raises(Forbidden, match="already decided"):
        case.save(db, people, idea, _form(case, db, people, idea, "Not now", "1"))
    assert db.get(Idea, idea).decline_reason == "Next quarter"


def test_repeating_a_loop_that_moved_on_since_the_form_opened_is_refused_with_where_it_stands(db, people, loop):
    opened = str(db.get(Loop, loop.id).version)
    loops.move_to_stage(db, people.owner, loop.id, 3)  # in another tab
    db.flush()
    with pytest.raises(Conflict) as refused:
        repeat.repeat_loop(db, people.owner, loop.id, {"retrospective_moved": "Plenty", "version": opened}, TODAY)
    assert Shown("Stage", "3, Implement") in refused.value.changed.fields
    assert db.get(Loop, loop.id).closed_at is None and count(db, Loop) == (1,)


def test_only_the_ratings_the_form_sets_are_checked_and_a_changed_one_stops_them_all(db, people, loop):
    first, second = (c.id for c in framework.current_competencies(db, people.owner.organisation_id)[:2])
    reflection.save_self_assessment(db, people.owner, loop.id, {f"score-{first}": "2", f"version-{first}": "0"})
    db.flush()
    # Another tab, opened before that save, rates both.
    form = {f"score-{first}": "5", f"version-{first}": "0", f"score-{second}": "5", f"version-{second}": "0"}
    with pytest.raises(Conflict) as refused:
        reflection.save_self_assessment(db, people.owner, loop.id, form)
    assert refused.value.changed.fields == [Shown("Customer research and surveys", "2 of 5")]
    assert count(db, CompetencyRating) == (1,)
    # A competency nobody rated meanwhile saves from a form that left the first one alone.
    reflection.save_self_assessment(db, people.owner, loop.id, {f"score-{second}": "3", f"version-{second}": "0"})
    assert {r.competency_id: r.score for r in db.exec(select(CompetencyRating))} == {first: 2, second: 3}


def test_a_refusal_shows_nothing_to_someone_who_may_not_edit(db, people, loop):
    """The policy comes first: a stranger with any version is refused access, never shown the text."""
    ask = logged_ask(db, people, loop)
    with pytest.raises(Forbidden):
        tracking.edit_item(db, people.stranger, "ask", ask, {"what": "Mine", "version": "1"}, TODAY)


def test_a_due_reminder_is_not_someone_elses_change(db, people, loop):
    """The day's reminder marks an ask reminded without moving its version on: a form opened before it saves."""
    ask = tracking.log_item(db, people.owner, "ask", loop.id, {"what": "Clean up", "due_on": "today"}, TODAY)
    db.flush()
    opened = db.get(ManagerAsk, ask).version
    assert notifications.remind_due(db, people.owner, TODAY) == 1
    db.refresh(db.get(ManagerAsk, ask))
    assert (db.get(ManagerAsk, ask).reminded_on, db.get(ManagerAsk, ask).version) == (TODAY, opened)
    tracking.edit_item(db, people.owner, "ask", ask, {"what": "Clean up twice", "version": str(opened)}, TODAY)
    assert db.get(ManagerAsk, ask).what == "Clean up twice"
