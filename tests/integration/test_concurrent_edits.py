"""Two tabs edit the same thing, through the real handlers: whichever saves second is shown the first one's
save beside its own form, overwrites nothing, and may then save again knowingly. The change pushed to the
second tab in between (what its listener does) reloads what it shows but not the version its form opened at.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from magicloop import routes
from magicloop.models import (
    ActionStep,
    COEReview,
    Comment,
    CompetencyRating,
    GrowthConversation,
    ManagerAsk,
    PrivateNote,
    Recommendation,
    SelfReflection,
    StageReflection,
)
from magicloop.services.versions import CHANGED
from magicloop.state.comments import CommentsState
from magicloop.state.edit import EditState
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState, TrackedItemState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from magicloop.state.reflect import ReflectState
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Reply,
    Server,
    Tab,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.test_handlers_refuse import GOAL, M, O, World, due

world = everyone.world


def _pinned(tab: Tab, state, var: str) -> dict:
    return {"version": str(getattr(tab.state(state), var))}


def _shown_version(rows: list, item_id: int) -> int:
    """The version of a listed entry as the tab shows it: what its Edit button opens the form at."""
    return next(row.version for row in rows if row.id == item_id)


def _one(w: World, model, **where):
    with Session(w.engine) as db:
        return db.exec(select(model).filter_by(**where)).one()


@dataclasses.dataclass(frozen=True)
class Form:
    who: str
    state: type  # where the refusal is kept, as `changed`
    name: str  # the `form` the refusal is shown in
    open: Callable[[Tab, World], object]  # what the person does to open it
    save: Callable[[Tab, World, str], Reply]  # saves `text` as the form carries it
    stored: Callable[[World], str]  # that text as stored
    still_open: Callable[[Tab, World], bool] = lambda tab, w: True


def _entry(kind: str, item: str, model, listed: Callable[[Tab], list], fields: Callable[[str], dict], read) -> dict:
    def open_it(tab: Tab, w: World) -> None:
        item_id = getattr(w, item)
        tab.send(EditState.start, kind=kind, item_id=item_id, version=_shown_version(listed(tab), item_id))

    return dict(
        state=EditState,
        name="entry",
        open=open_it,
        save=lambda tab, w, text: tab.send(EditState.save, form={**fields(text), **_pinned(tab, EditState, "version")}),
        stored=lambda w: read(_one(w, model, id=getattr(w, item))),
        still_open=lambda tab, w: tab.state(EditState).item_id == getattr(w, item),
    )


def _ratings(who: str, handler, rater: str) -> Form:
    def save(tab: Tab, w: World, text: str) -> Reply:
        opened = tab.state(ReflectState).rating_versions[f"{rater}-{w.competency}"]
        form = {f"score-{w.competency}": "4", f"evidence-{w.competency}": text, f"version-{w.competency}": str(opened)}
        return tab.send(handler, form=form)

    return Form(
        who=who,
        state=ReflectState,
        name="assessment" if rater == "self" else "manager-rating",
        open=lambda tab, w: None,
        save=save,
        stored=lambda w: _one(w, CompetencyRating, loop_id=w.loop_id, rater_kind=rater).evidence,
    )


FORMS = {
    "an ask": Form(
        M,
        **_entry(
            "ask",
            "ask_done",
            ManagerAsk,
            lambda tab: tab.state(ItemsState).asks,
            lambda text: {"what": text, "due_on": due()},
            lambda row: row.what,
        ),
    ),
    "a recommendation": Form(
        M,
        **_entry(
            "recommendation",
            "rec",
            Recommendation,
            lambda tab: tab.state(GrowthState).recommendations,
            lambda text: {"what": text, "due_on": due()},
            lambda row: row.what,
        ),
    ),
    "an action step": Form(
        O,
        **_entry(
            "step",
            "step",
            ActionStep,
            lambda tab: tab.state(ReflectState).steps,
            lambda text: {"step_description": text, "step_due": due()},
            lambda row: row.description,
        ),
    ),
    "a growth conversation": Form(
        M,
        **_entry(
            "conversation",
            "conversation",
            GrowthConversation,
            lambda tab: tab.state(GrowthState).conversations,
            lambda text: {"goal_restated": GOAL, "gaps": text},
            lambda row: row.gaps,
        ),
    ),
    "a private note": Form(
        O,
        **_entry(
            "note",
            "note",
            PrivateNote,
            lambda tab: tab.state(NotesState).notes,
            lambda text: {"note_body": text},
            lambda row: row.body,
        ),
    ),
    "progress on a recommendation": Form(
        O,
        TrackedItemState,
        "progress",
        open=lambda tab, w: tab.send(TrackedItemState.open_progress, kind="recommendation", item_id=w.rec, title="R"),
        save=lambda tab, w, text: tab.send(
            TrackedItemState.record_progress,
            form={"status": "in_progress", "percent": "40", "outcome": text}
            | _pinned(tab, TrackedItemState, "progress_version"),
        ),
        stored=lambda w: _one(w, Recommendation, id=w.rec).outcome,
        still_open=lambda tab, w: tab.state(TrackedItemState).progress_open,
    ),
    "a COE review": Form(
        O,
        TrackedItemState,
        "coe",
        open=lambda tab, w: tab.send(TrackedItemState.open_coe, kind="ask", item_id=w.ask_blocked, title="A"),
        save=lambda tab, w, text: tab.send(
            TrackedItemState.save_coe, form={"what_happened": text} | _pinned(tab, TrackedItemState, "coe_version")
        ),
        stored=lambda w: _one(w, COEReview, subject_id=w.ask_blocked).what_happened,
        still_open=lambda tab, w: tab.state(TrackedItemState).coe_open,
    ),
    "a closing reply": Form(
        O,
        GrowthState,
        "reply",
        open=lambda tab, w: tab.send(GrowthState.start_reply, rec_id=w.rec),
        save=lambda tab, w, text: tab.send(
            GrowthState.reply, form={"closing_reply": text} | _pinned(tab, GrowthState, "reply_version")
        ),
        stored=lambda w: _one(w, Recommendation, id=w.rec).closing_reply,
        still_open=lambda tab, w: tab.state(GrowthState).replying_to == w.rec,
    ),
    "a comment": Form(
        M,
        CommentsState,
        "comment",
        open=lambda tab, w: (
            tab.send(CommentsState.open_thread, kind="loop", subject_id=w.loop_id, title="Loop"),
            tab.send(CommentsState.edit, comment_id=w.comment),
        ),
        save=lambda tab, w, text: tab.send(
            CommentsState.save, form={"comment_body": text} | _pinned(tab, CommentsState, "editing_version")
        ),
        stored=lambda w: _one(w, Comment, id=w.comment).body,
        still_open=lambda tab, w: tab.state(CommentsState).editing == w.comment,
    ),
    "the self-reflection": Form(
        O,
        ReflectState,
        "reflection",
        open=lambda tab, w: None,
        save=lambda tab, w, text: tab.send(
            ReflectState.save_reflection,
            form={"strengths": text, "readiness": "6"} | _pinned(tab, ReflectState, "reflection_version"),
        ),
        stored=lambda w: _one(w, SelfReflection, loop_id=w.loop_id).strengths,
    ),
    "the stage reflection": Form(
        O,
        ItemsState,
        "stage-reflection",
        open=lambda tab, w: None,
        save=lambda tab, w, text: tab.send(
            ItemsState.save_stage_reflection,
            form={"learned": text} | _pinned(tab, ItemsState, "stage_reflection_version"),
        ),
        stored=lambda w: _one(w, StageReflection, loop_id=w.loop_id).learned,
    ),
    "the self-assessment": _ratings(O, ReflectState.save_assessment, "self"),
    "the manager's ratings": _ratings(M, ReflectState.save_manager_ratings, "manager"),
}


@pytest.mark.parametrize("name", FORMS)
def test_the_second_of_two_tabs_to_save_is_shown_the_first_and_overwrites_nothing(
    world: World, server: Server, name: str
):
    form = FORMS[name]
    first, second = world.tab(server, form.who), world.tab(server, form.who)
    for tab in (first, second):
        opened = tab.open(routes.LOOP, id=world.loop_id)
        assert tab.state(LoopState).loop.id == world.loop_id, opened.describe()
        form.open(tab, world)

    saved = form.save(first, world, "Written in the first tab")
    assert saved.successes and not saved.errors, saved.describe()
    second.pushed()  # the second tab shows the change, its form still open at the version it had

    refused = form.save(second, world, "Written in the second tab")

    assert not refused.errors and not refused.successes, refused.describe()
    assert CHANGED not in [message for _kind, message in refused.toasts]  # said beside the form, not in a toast
    assert form.stored(world) == "Written in the first tab"
    changed = second.state(form.state).changed
    assert changed.form == form.name
    assert any("Written in the first tab" in field.text for field in changed.fields), changed
    assert form.still_open(second, world)

    again = form.save(second, world, "Written in the second tab, having seen the first")
    assert again.successes and not again.errors, again.describe()
    assert form.stored(world) == "Written in the second tab, having seen the first"
    assert second.state(form.state).changed.form == ""


def test_repeating_a_loop_another_tab_moved_on_shows_where_it_now_stands(world: World, server: Server):
    first, second = world.tab(server, O), world.tab(server, O)
    for tab in (first, second):
        tab.open(routes.LOOP, id=world.loop_id)
    second.send(LoopState.set_repeat_open, is_open=True)
    assert first.send(LoopState.move_to, stage=3).successes

    refused = second.send(
        LoopState.repeat, form={"retrospective_moved": "The readout"} | _pinned(second, LoopState, "repeat_version")
    )

    assert not refused.errors and not refused.successes and not refused.redirects, refused.describe()
    changed = second.state(LoopState).changed
    assert changed.form == "repeat" and ("Stage", "3, Implement") in [(f.label, f.text) for f in changed.fields]
    assert second.state(LoopState).repeat_open and second.state(LoopState).loop.stage == 3
    again = second.send(
        LoopState.repeat, form={"retrospective_moved": "The readout"} | _pinned(second, LoopState, "repeat_version")
    )
    assert again.successes and routes.LOOP in again.redirects[0], again.describe()
