"""A form that saves something is emptied once it is saved, through the real handlers.

A person who saves an entry and starts typing the next one as soon as the first is listed keeps what they
type: the form is emptied before the reply that lists the saved entry. Reflex sends a handler's changes and
the events yielded with them as two messages, changes first, so a reset yielded along with the new list
reached the browser after the list did, and could wipe the next entry. A form that leads elsewhere once
saved is emptied too, and its unsaved-text drafts (assets/drafts.js) with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from magicloop import routes
from magicloop.models import Recommendation
from magicloop.services.pulse import INVITE_PREFIX
from magicloop.state.admin import AdminState
from magicloop.state.comments import CommentsState
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState, TrackedItemState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from magicloop.state.pulse import PulsesState
from magicloop.state.reflect import ReflectState
from magicloop.state.settings import MentorGrantsState
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Reply,
    Server,
    Tab,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.test_handlers_refuse import GOAL, M, O, T, World, due, form_on_loop, in_dialog, stored

world = everyone.world


def _comment(text: str) -> Callable[[Tab, World], Reply]:
    def steps(tab: Tab, w: World) -> Reply:
        tab.send(CommentsState.open_thread, kind="loop", subject_id=w.loop_id, title="Thread")
        return tab.send(CommentsState.save, form={"comment_body": text})

    return steps


def _invite(tab: Tab, w: World) -> Reply:
    tab.open(routes.ADMIN)
    return tab.send(AdminState.invite, form={"email": "newcomer@example.com"})


def _grant_to_the_colleague(tab: Tab, w: World) -> Reply:
    tab.open(routes.SETTINGS)
    return tab.send(MentorGrantsState.grant, form={"mentor_email": w.users["stranger"].email})


def _progress_on_the_recommendation(tab: Tab, w: World) -> Reply:
    tab.put(LoopState, loop=w.view)  # the dialog opened on the loop page
    done = {"status": "done", "percent": "100", "note": "Gave the talk", "outcome": "Two teams asked for a rerun"}
    record = in_dialog("recommendation", "rec", TrackedItemState.record_progress, done, stored(Recommendation, "rec"))
    return record(tab, w)


@dataclasses.dataclass(frozen=True)
class Form:
    form_id: str
    who: str
    save: Callable[[Tab, World], Reply]
    listed: Callable[[World], str]  # what of the saved entry its listing shows

    def __str__(self) -> str:
        return self.form_id


def _typed(text: str) -> Callable[[World], str]:
    return lambda _w: text


FORMS = [
    Form(
        "log-ask-form",
        M,
        form_on_loop(ItemsState.log_ask, lambda: {"what": "Own the churn dashboard", "due_on": due()}),
        _typed("Own the churn dashboard"),
    ),
    Form(
        "idea-form",
        O,
        form_on_loop(ItemsState.suggest_idea, lambda: {"proposal": "I could shadow the support leads"}),
        _typed("I could shadow the support leads"),
    ),
    Form(
        "add-step-form",
        O,
        form_on_loop(ReflectState.add_step, lambda: {"step_description": "Shadow two readouts", "step_due": due()}),
        _typed("Shadow two readouts"),
    ),
    Form(
        "recommendation-form",
        M,
        form_on_loop(GrowthState.add_recommendation, lambda: {"what": "Mentor a new hire", "due_on": due()}),
        _typed("Mentor a new hire"),
    ),
    Form(
        "conversation-form",
        M,
        form_on_loop(GrowthState.record_conversation, lambda: {"goal_restated": GOAL, "gaps": "Executive presence"}),
        _typed("Executive presence"),
    ),
    Form(
        "note-form",
        O,
        form_on_loop(NotesState.add, lambda: {"note_body": "Ask about the budget"}),
        _typed("Ask about the budget"),
    ),
    Form("progress-form", O, _progress_on_the_recommendation, _typed("Two teams asked for a rerun")),
    Form("comment-form", M, _comment("Lovely progress this week"), _typed("Lovely progress this week")),
    Form("grant-form", O, _grant_to_the_colleague, lambda w: w.users["stranger"].email),
    Form("new-invite-form", "admin", _invite, _typed("newcomer@example.com")),
]


def _resets(event, form_id: str) -> bool:
    return f"document.getElementById('{form_id}').reset()" in str(event.payload)


def _first(reply: Reply, found: Callable[[dict, list], bool]) -> int | None:
    return next((number for number, (delta, events) in enumerate(reply.updates) if found(delta, events)), None)


@pytest.mark.parametrize("form", FORMS, ids=str)
def test_a_form_is_emptied_before_the_entry_it_saved_is_listed(world: World, server: Server, form: Form):
    reply = form.save(world.tab(server, form.who), world)
    assert reply.successes, reply.describe()
    emptied = _first(reply, lambda _delta, events: any(_resets(event, form.form_id) for event in events))
    listed = _first(reply, lambda delta, _events: form.listed(world) in repr(delta))
    assert emptied is not None, "the form was not emptied"
    assert listed is not None, "the saved entry was not listed"
    assert emptied < listed


def _start_a_pulse(tab: Tab, w: World) -> Reply:
    tab.open(routes.PULSE)
    colleagues = [w.users[persona].id for persona in (M, T, "stranger")]
    form = {"title": "How customer-centric are we?"} | {f"{INVITE_PREFIX}{person}": "on" for person in colleagues}
    return tab.send(PulsesState.start, form=form)


def _start_a_loop(tab: Tab, w: World) -> Reply:
    tab.open(routes.LOOP)
    return tab.send(LoopState.start, form={"goal": "Run our first voice-of-customer survey"})


@pytest.mark.parametrize(
    ("form_id", "who", "save"),
    [("pulse-form", O, _start_a_pulse), ("start-loop-form", "stranger", _start_a_loop)],
    ids=["pulse-form", "start-loop-form"],
)
def test_a_form_that_leads_elsewhere_once_saved_is_emptied_too(world: World, server: Server, form_id, who, save):
    """Its drafts go with it (assets/drafts.js): coming back to it, the person finds it empty, not as if unsent."""
    reply = save(world.tab(server, who), world)
    assert reply.successes, reply.describe()
    assert _first(reply, lambda _delta, events: any(_resets(event, form_id) for event in events)) is not None
