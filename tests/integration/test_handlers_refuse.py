"""The permission table (DESIGN.md section 3) enforced through the real event handlers.

Any client may call any handler with any arguments, and a tab keeps whatever it
was shown while its person still had access. These tests drive the handlers the
way the browser's socket does (see tests/integration/handlers.py) and show that:

- everyone the table says "no" to is refused and nothing changes: a stranger in
  the organisation, a former manager, mentors whose grant expired or was revoked,
  the organisation's own admin and another organisation's admin — and, for what
  is not theirs to do, the professional, their manager and their current mentor;
- what they may not see never reaches their tab;
- the same handlers do the job for whoever the table says "yes" to;
- access ended through the app reaches tabs that are already open, and a tab
  reloaded after that neither receives nor keeps the records it saw before;
- a disabled person's next event signs that tab out;
- garbage arguments never make a handler raise, and are refused calmly.

Where a handler falls short, its test asserts what should happen and fails.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json
from collections.abc import Callable

import pytest
from reflex.state import State
from reflex_base.registry import RegistrationContext
from sqlalchemy.engine import Engine
from sqlmodel import Session, delete, select

from magicloop import routes
from magicloop.db import transaction
from magicloop.models import (
    DISCIPLINES,
    ActionStep,
    AuthSession,
    COEReview,
    CulturePulse,
    GrowthConversation,
    Idea,
    ManagerAsk,
    MentorGrant,
    PrivateNote,
    PulseInvitation,
    PulseResponse,
    QuarterlyReview,
    Recommendation,
    ReportingLine,
    User,
    utcnow,
)
from magicloop.services import (
    accounts,
    asks,
    coe,
    comments,
    delivery,
    growth,
    loop_view,
    notes,
    reflection,
    tracking,
)
from magicloop.services.errors import Forbidden
from magicloop.services.framework import current_competencies, current_framework
from magicloop.services.loop_view import LoopView
from magicloop.services.quarters import Quarter
from magicloop.services.security import token_digest
from magicloop.state.account import AccountState
from magicloop.state.admin import AdminState
from magicloop.state.auth import AuthState
from magicloop.state.comments import CommentsState
from magicloop.state.edit import EditState
from magicloop.state.framework import FrameworkState
from magicloop.state.growth import GrowthState
from magicloop.state.insights import InsightsState
from magicloop.state.items import ItemsState, TrackedItemState
from magicloop.state.live import LiveState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from magicloop.state.people import ProgressState
from magicloop.state.pulse import NO_PULSE, PulseState
from magicloop.state.reflect import ReflectState
from magicloop.state.review import ReviewState
from magicloop.state.runner import UNEXPECTED
from magicloop.state.settings import MentorGrantsState, SettingsState
from tests.conftest import PASSWORD
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Reply,
    Server,
    Tab,
    changes,
    dump,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
    restore,
    snapshot,
)
from tests.support import empty_every_table, fresh, opened

FORBIDDEN = Forbidden().message
O, M, T = "owner", "manager", "mentor"
# Everyone around the professional. Those after the first three may not see or
# do anything with the professional's loop.
PERSONAS = (O, M, T, "former_manager", "expired_mentor", "revoked_mentor", "stranger", "admin", "outsider")
ALWAYS_REFUSED = PERSONAS[3:]

# Words only those with access may read.
GOAL = "Lead our VoC programme by Q3"
ASK_DONE, ASK_BLOCKED = "Run the NPS readout", "Fix the survey sampling bias"
DELIVERY_NOTE = "Walked the exec team through it"
COE_TEXT = "The survey vendor went quiet"
REC = "Present at the CX guild"
GAPS = "Storytelling with data"
IDEA = "I could run a churn interview series"
STEP = "Read the VoC playbook"
NOTE = "Nervous about the readout"
COMMENT = "Great start on the VoC plan"
SECRETS = (GOAL, ASK_DONE, ASK_BLOCKED, DELIVERY_NOTE, COE_TEXT, REC, GAPS, IDEA, STEP, NOTE, COMMENT)


def today() -> dt.date:
    return utcnow().date()


def due() -> str:
    return (today() + dt.timedelta(days=30)).isoformat()


# --- the professional, their loop, and everyone around it -----------------------------------------


@dataclasses.dataclass(frozen=True)
class World:
    """One professional's loop with a record of every kind, and everyone around it."""

    engine: Engine
    users: dict[str, User]
    tokens: dict[str, str]  # a signed-in session for each persona
    loop_id: int
    view: LoopView  # the loop page as its owner sees it
    ask_done: int  # delivered, waiting for the manager's acknowledgement
    ask_blocked: int  # with a COE review
    rec: int
    conversation: int
    idea: int
    step: int
    note: int
    comment: int
    competency: int
    mentor_grant: int
    former_line: int
    expired_grant: int
    revoked_grant: int
    rows: dict = dataclasses.field(default_factory=dict, repr=False)  # every row, as first built

    def reset(self) -> None:
        """Back to the world as first built, ids and sessions included."""
        empty_every_table(self.engine)
        restore(self.engine, self.rows)

    def end_access(self) -> None:
        """The former manager's reporting line ends today; one grant runs out, another is revoked."""
        with transaction(self.engine) as db:
            line = db.get(ReportingLine, self.former_line)
            line.ends_on = today()
            expired, revoked = db.get(MentorGrant, self.expired_grant), db.get(MentorGrant, self.revoked_grant)
            expired.expires_at = utcnow() - dt.timedelta(seconds=1)
            revoked.revoked_at = utcnow()
            db.add_all([line, expired, revoked])

    def tab(self, server: Server, persona: str) -> Tab:
        return server.tab(self.tokens[persona])


def build_world(make, engine: Engine) -> World:
    """Everyone's access still holds: the former manager's line and the two
    mentors' grants end with `World.end_access`."""
    acme, globex = make.organisation("Acme Support"), make.organisation("Globex")
    people = {
        O: make.user(acme, "Olivia Owner"),
        M: make.user(acme, "Max Manager"),
        T: make.user(acme, "Mia Mentor"),
        "former_manager": make.user(acme, "Fiona Former"),
        "expired_mentor": make.user(acme, "Eve Expiring"),
        "revoked_mentor": make.user(acme, "Rex Revoked"),
        "stranger": make.user(acme, "Sam Stranger"),
        "admin": make.user(acme, "Ada Admin", admin=True),
        "outsider": make.user(globex, "Otto Outsider", admin=True),
    }
    owner = people[O]
    owner.advanced_mode = True  # so the professional can suggest ideas
    make.db.add(owner)
    make.db.commit()
    started = today() - dt.timedelta(days=90)
    make.reporting_line(people[M], owner, starts_on=started)
    former_line = make.reporting_line(people["former_manager"], owner, starts_on=started)
    mentor_grant = make.mentor_grant(owner, people[T])
    expired_grant = make.mentor_grant(owner, people["expired_mentor"], expires_at=utcnow() + dt.timedelta(days=1))
    revoked_grant = make.mentor_grant(owner, people["revoked_mentor"])
    loop = make.loop(owner, goal=GOAL)
    make.db.close()

    ids: dict[str, int] = {}
    with transaction(engine) as db:
        o, m = db.get(User, owner.id), db.get(User, people[M].id)
        ids["ask_done"] = tracking.log_item(db, m, "ask", loop.id, {"what": ASK_DONE, "due_on": due()}, today())
        ids["ask_blocked"] = tracking.log_item(db, m, "ask", loop.id, {"what": ASK_BLOCKED, "due_on": due()}, today())
        ids["conversation"] = growth.record_conversation(db, m, loop.id, {"goal_restated": GOAL, "gaps": GAPS}, today())
        ids["rec"] = tracking.log_item(db, m, "recommendation", loop.id, {"what": REC, "due_on": due()}, today())
        ids["idea"] = asks.suggest_idea(db, o, loop.id, {"proposal": IDEA}, today())
        reflection.add_action_step(db, o, loop.id, {"step_description": STEP, "step_due": due()}, today())
        notes.add_note(db, o, loop.id, {"note_body": NOTE})
        ids["comment"] = comments.add_comment(db, m, "loop", loop.id, {"comment_body": COMMENT})
        ids["competency"] = current_competencies(db, acme.id)[0].id
    with transaction(engine) as db:
        o = db.get(User, owner.id)
        delivery.record_progress(
            db,
            o,
            "ask",
            ids["ask_done"],
            {
                **opened(db, ManagerAsk, ids["ask_done"]),
                "status": "done",
                "percent": "100",
                "note": DELIVERY_NOTE,
                "outcome": "Readout delivered",
            },
        )
        delivery.record_progress(
            db,
            o,
            "ask",
            ids["ask_blocked"],
            {**opened(db, ManagerAsk, ids["ask_blocked"]), "status": "blocked", "percent": "20"},
        )
    with transaction(engine) as db:
        o = db.get(User, owner.id)
        coe.save_coe_review(
            db,
            o,
            "ask",
            ids["ask_blocked"],
            {**opened(db, COEReview, subject_kind="ask", subject_id=ids["ask_blocked"]), "what_happened": COE_TEXT},
            today(),
        )
        ids["step"] = db.exec(select(ActionStep.id)).one()
        ids["note"] = db.exec(select(PrivateNote.id)).one()
        view = loop_view.view_loop(db, o, loop.id, today())
        tokens = {name: accounts.start_session(db, db.get(User, user.id)) for name, user in people.items()}
    return World(
        engine=engine,
        users=people,
        tokens=tokens,
        loop_id=loop.id,
        view=view,
        mentor_grant=mentor_grant.id,
        former_line=former_line.id,
        expired_grant=expired_grant.id,
        revoked_grant=revoked_grant.id,
        **ids,
    )


_TEMPLATES: dict[str, World] = {}


@pytest.fixture
def world(backend: str, make, engine: Engine) -> World:
    """Built once per backend through the services, then restored row for row."""
    if backend not in _TEMPLATES:
        _TEMPLATES[backend] = dataclasses.replace(build_world(make, engine), rows=dump(engine))
        return _TEMPLATES[backend]
    template = _TEMPLATES[backend]
    restore(engine, template.rows)
    return dataclasses.replace(template, engine=engine)


# --- what each write handler is asked to do ----------------------------------------------------------

Steps = Callable[[Tab, World], Reply]


@dataclasses.dataclass(frozen=True)
class Write:
    name: str
    allowed: tuple[str, ...]  # who the table lets do it
    table: str  # where it shows once done
    steps: Steps  # aims at the professional's record and calls the handler(s); the last reply

    def __str__(self) -> str:
        return self.name


def publish_framework(tab: Tab, w: World) -> Reply:
    """The next version of the organisation's framework, one competency renamed, as the framework page sends it."""
    organisation_id = w.users[O].organisation_id
    with Session(w.engine) as db:
        current, competencies = current_framework(db, organisation_id), current_competencies(db, organisation_id)
        form = {"based_on": str(current.version), "name": current.name, "order": ",".join(c.key for c in competencies)}
        form |= {f"name-{c.key}": c.name for c in competencies} | {f"name-{competencies[0].key}": "Renamed"}
    return tab.send(FrameworkState.publish, form=form)


def form_on_loop(handler, form: Callable[[], dict], opened: Callable[[Tab], dict] = lambda _tab: {}) -> Steps:
    """A loop-page form, with the professional's loop shown in the tab; `opened` reads the version fields
    the page put in it when it opened."""

    def steps(tab: Tab, w: World) -> Reply:
        tab.put(LoopState, loop=w.view)
        return tab.send(handler, form={**form(), **opened(tab)})

    return steps


def pinned(state, var: str) -> Callable[[Tab], dict]:
    """The hidden version field of a form, as the tab's page set it."""
    return lambda tab: {"version": str(getattr(tab.state(state), var))}


def stored(model, item: str) -> Callable[[World], dict]:
    """The hidden version field of a form opened on one of the professional's records as it is stored."""
    return lambda w: {"version": str(fresh(w.engine, model, getattr(w, item)).version)}


def on_loop(handler, **payload) -> Steps:
    def steps(tab: Tab, w: World) -> Reply:
        tab.put(LoopState, loop=w.view)
        return tab.send(handler, **payload)

    return steps


def with_id(handler, arg: str, item: str, **payload) -> Steps:
    """A handler called with the id of one of the professional's records."""

    def steps(tab: Tab, w: World) -> Reply:
        tab.put(LoopState, loop=w.view)
        return tab.send(handler, **{arg: getattr(w, item)}, **payload)

    return steps


def id_in_form(handler, field: str, item: str, form: dict, version: Callable[[World], dict]) -> Steps:
    """A form rendered once per row, which carries the row's id and version in hidden fields."""

    def steps(tab: Tab, w: World) -> Reply:
        tab.put(LoopState, loop=w.view)
        return tab.send(handler, form={field: str(getattr(w, item)), **form, **version(w)})

    return steps


def in_dialog(kind: str, item: str, handler, form: dict, version: Callable[[World], dict]) -> Steps:
    """A handler of the progress or COE dialog, opened on one of the professional's items."""

    def steps(tab: Tab, w: World) -> Reply:
        tab.put(TrackedItemState, kind=kind, item_id=getattr(w, item))
        return tab.send(handler, form={**form, **version(w)})

    return steps


def edit(kind: str, item: str, model, form: Callable[[], dict]) -> Steps:
    """Edit pressed on one of the professional's entries as the page shows it, then Save."""

    def steps(tab: Tab, w: World) -> Reply:
        tab.put(LoopState, loop=w.view)
        tab.send(EditState.start, kind=kind, item_id=getattr(w, item), **stored(model, item)(w))
        return tab.send(EditState.save, form={**form(), **pinned(EditState, "version")(tab)})

    return steps


def reply_to_recommendation(tab: Tab, w: World) -> Reply:
    tab.put(LoopState, loop=w.view)
    tab.send(GrowthState.start_reply, rec_id=w.rec)
    form = {"closing_reply": "Presented it on Tuesday", **pinned(GrowthState, "reply_version")(tab)}
    return tab.send(GrowthState.reply, form=form)


def comment_on(kind: str, subject: str) -> Steps:
    def steps(tab: Tab, w: World) -> Reply:
        subject_id = getattr(w, subject)
        tab.send(CommentsState.open_thread, kind=kind, subject_id=subject_id, title="Thread")
        tab.put(CommentsState, kind=kind, subject_id=subject_id, editing=0, replying_to=0)
        return tab.send(CommentsState.save, form={"comment_body": "Adding my two cents"})

    return steps


def in_the_loops_thread(tab: Tab, w: World) -> None:
    """The loop's comment thread open in the tab, even for someone refused it, so that the write is tried."""
    tab.send(CommentsState.open_thread, kind="loop", subject_id=w.loop_id, title="Thread")
    tab.put(CommentsState, kind="loop", subject_id=w.loop_id)


def edit_comment(tab: Tab, w: World) -> Reply:
    in_the_loops_thread(tab, w)
    tab.send(CommentsState.edit, comment_id=w.comment)
    form = {"comment_body": "Rewritten by someone else", **pinned(CommentsState, "editing_version")(tab)}
    return tab.send(CommentsState.save, form=form)


def delete_comment(tab: Tab, w: World) -> Reply:
    in_the_loops_thread(tab, w)
    return tab.send(CommentsState.delete, comment_id=w.comment)


def ratings(handler, rater: str) -> Steps:
    def steps(tab: Tab, w: World) -> Reply:
        tab.put(LoopState, loop=w.view)
        opened = tab.state(ReflectState).rating_versions.get(f"{rater}-{w.competency}", 0)
        form = {f"score-{w.competency}": "4", f"evidence-{w.competency}": "Two readouts"}
        return tab.send(handler, form={**form, f"version-{w.competency}": str(opened)})

    return steps


def on_the_review(tab: Tab, w: World) -> None:
    """A tab holding the professional's review of this quarter, as its page loaded it while access held."""
    tab.put(ReviewState, owner_id=w.users[O].id, quarter=Quarter.of(today()).key)


def write_summary(tab: Tab, w: World) -> Reply:
    on_the_review(tab, w)
    form = {"summary": "A quarter of steady delivery", "version": str(summary_saves(tab, w))}
    return tab.send(ReviewState.save_summary, form=form)


def summary_saves(tab: Tab, w: World) -> int:
    """The version the tab's person's own summary is at, as their form would carry it."""
    side = "owner" if tab.session_token == w.tokens[O] else "manager"
    with Session(w.engine) as db:
        review = db.exec(select(QuarterlyReview).where(QuarterlyReview.owner_id == w.users[O].id)).first()
        return getattr(review, f"{side}_summary_version") if review else 0


def summary_then_sign_off(tab: Tab, w: World) -> Reply:
    write_summary(tab, w)
    return tab.send(ReviewState.sign_off)


def repeat_loop(tab: Tab, w: World) -> Reply:
    tab.put(LoopState, loop=w.view)
    tab.send(LoopState.set_repeat_open, is_open=True)
    form = {"retrospective_moved": "The readout", **pinned(LoopState, "repeat_version")(tab)}
    return tab.send(LoopState.repeat, form=form)


def opened_coe(w: World) -> dict:
    with Session(w.engine) as db:
        found = db.exec(select(COEReview).where(COEReview.subject_id == w.ask_blocked)).one()
        return {"version": str(found.version)}


WRITES = [
    Write("LoopState.move_to", (O,), "loop", on_loop(LoopState.move_to, stage=3)),
    Write("LoopState.repeat", (O,), "loop", repeat_loop),
    Write(
        "ItemsState.log_ask",
        (O, M),
        "managerask",
        form_on_loop(ItemsState.log_ask, lambda: {"what": "Own the CSAT dashboard", "due_on": due()}),
    ),
    Write("EditState.delete, an ask", (M,), "managerask", with_id(EditState.delete, "item_id", "ask_done", kind="ask")),
    Write(
        "ItemsState.decide_idea",
        (M,),
        "idea",
        id_in_form(
            ItemsState.decide_idea,
            "idea_id",
            "idea",
            {"decision": "decline", "decline_reason": "Not now"},
            stored(Idea, "idea"),
        ),
    ),
    Write(
        "ItemsState.suggest_idea",
        (O,),
        "idea",
        form_on_loop(ItemsState.suggest_idea, lambda: {"proposal": "I could shadow the support leads"}),
    ),
    Write("ItemsState.withdraw_idea", (O,), "idea", with_id(ItemsState.withdraw_idea, "idea_id", "idea")),
    Write(
        "ItemsState.save_stage_reflection",
        (O,),
        "stagereflection",
        form_on_loop(
            ItemsState.save_stage_reflection,
            lambda: {"learned": "Sampling matters"},
            pinned(ItemsState, "stage_reflection_version"),
        ),
    ),
    Write(
        "TrackedItemState.record_progress",
        (O,),
        "progressupdate",
        in_dialog(
            "recommendation",
            "rec",
            TrackedItemState.record_progress,
            {"status": "in_progress", "percent": "40", "note": "Drafted the talk"},
            stored(Recommendation, "rec"),
        ),
    ),
    Write(
        "TrackedItemState.acknowledge", (M,), "managerask", with_id(TrackedItemState.acknowledge, "ask_id", "ask_done")
    ),
    Write(
        "TrackedItemState.save_coe",
        (O,),
        "coereview",
        in_dialog(
            "ask",
            "ask_blocked",
            TrackedItemState.save_coe,
            {"what_happened": "Rewritten: the vendor stalled"},
            opened_coe,
        ),
    ),
    Write(
        "GrowthState.add_recommendation",
        (O, M),
        "recommendation",
        form_on_loop(GrowthState.add_recommendation, lambda: {"what": "Mentor a new hire", "due_on": due()}),
    ),
    Write("GrowthState.reply", (O,), "recommendation", reply_to_recommendation),
    Write(
        "GrowthState.record_conversation",
        (O, M),
        "growthconversation",
        form_on_loop(GrowthState.record_conversation, lambda: {"goal_restated": GOAL, "feedback": "Be bolder"}),
    ),
    Write(
        "EditState.delete, a conversation",
        (M,),
        "growthconversation",
        with_id(EditState.delete, "item_id", "conversation", kind="conversation"),
    ),
    Write(
        "EditState.delete, a recommendation",
        (M,),
        "recommendation",
        with_id(EditState.delete, "item_id", "rec", kind="recommendation"),
    ),
    Write("ReflectState.save_assessment", (O,), "competencyrating", ratings(ReflectState.save_assessment, "self")),
    Write(
        "ReflectState.save_manager_ratings",
        (M,),
        "competencyrating",
        ratings(ReflectState.save_manager_ratings, "manager"),
    ),
    Write(
        "ReflectState.save_reflection",
        (O,),
        "selfreflection",
        form_on_loop(
            ReflectState.save_reflection,
            lambda: {"strengths": "Curious", "readiness": "6"},
            pinned(ReflectState, "reflection_version"),
        ),
    ),
    Write(
        "ReflectState.add_step",
        (O,),
        "actionstep",
        form_on_loop(ReflectState.add_step, lambda: {"step_description": "Shadow a readout", "step_due": due()}),
    ),
    Write(
        "ReflectState.set_step_done",
        (O,),
        "actionstep",
        with_id(ReflectState.set_step_done, "step_id", "step", done=True),
    ),
    Write("EditState.delete, a step", (O,), "actionstep", with_id(EditState.delete, "item_id", "step", kind="step")),
    Write("NotesState.add", (O,), "privatenote", form_on_loop(NotesState.add, lambda: {"note_body": "Not yours"})),
    Write("EditState.delete, a note", (O,), "privatenote", with_id(EditState.delete, "item_id", "note", kind="note")),
    Write("CommentsState.save, a comment on the loop", (O, M, T), "comment", comment_on("loop", "loop_id")),
    Write("CommentsState.save, a comment on an ask", (O, M, T), "comment", comment_on("ask", "ask_done")),
    Write("CommentsState.save, editing a comment", (M,), "comment", edit_comment),
    Write("CommentsState.delete", (M,), "comment", delete_comment),
    Write(
        "EditState.save, an ask",
        (M,),
        "managerask",
        edit("ask", "ask_done", ManagerAsk, lambda: {"what": "Run it twice", "due_on": due()}),
    ),
    Write(
        "EditState.save, a recommendation",
        (M,),
        "recommendation",
        edit("recommendation", "rec", Recommendation, lambda: {"what": "Present twice", "due_on": due()}),
    ),
    Write(
        "EditState.save, a step",
        (O,),
        "actionstep",
        edit("step", "step", ActionStep, lambda: {"step_description": "Reread it", "step_due": due()}),
    ),
    Write(
        "EditState.save, a conversation",
        (M,),
        "growthconversation",
        edit("conversation", "conversation", GrowthConversation, lambda: {"goal_restated": GOAL, "gaps": "Rewritten"}),
    ),
    Write(
        "EditState.save, a note",
        (O,),
        "privatenote",
        edit("note", "note", PrivateNote, lambda: {"note_body": "Rewritten"}),
    ),
    Write(
        "MentorGrantsState.revoke", (O,), "mentorgrant", with_id(MentorGrantsState.revoke, "grant_id", "mentor_grant")
    ),
    Write("ReviewState.save_summary", (O, M), "quarterlyreview", lambda tab, w: write_summary(tab, w)),
    Write("ReviewState.sign_off", (O, M), "quarterlyreview", lambda tab, w: summary_then_sign_off(tab, w)),
    Write("FrameworkState.publish", ("admin",), "competencyframework", lambda tab, w: publish_framework(tab, w)),
]


@pytest.mark.parametrize("who", PERSONAS)
def test_writes_are_refused_and_change_nothing(world: World, server: Server, subtests, who: str):
    """Every write the table does not give `who`, from a tab opened while any
    access they had still held and aimed at the professional's records."""
    tab = world.tab(server, who)
    tab.open(routes.LOOP, id=world.loop_id)
    world.end_access()
    refused = [write for write in WRITES if who not in write.allowed]
    assert refused
    after = snapshot(world.engine)
    for write in refused:
        with subtests.test(msg=write.name):
            before = after
            reply = write.steps(tab, world)
            after = snapshot(world.engine)
            assert not reply.errors, f"{write} raised: {reply.describe()}"
            assert not reply.successes, f"{write} reported success: {reply.describe()}"
            assert reply.failures and UNEXPECTED not in reply.failures, f"{write} did not refuse: {reply.describe()}"
            assert changes(before, after) == {}, f"{write} changed the professional's records"


@pytest.mark.parametrize("who", (O, M, T))
def test_the_same_writes_work_for_whoever_may(world: World, server: Server, subtests, who: str):
    """Every write the table gives `who`, each on the world as first built, from
    their tab on the professional's loop page."""
    world.end_access()
    tab = world.tab(server, who)
    opened = tab.open(routes.LOOP, id=world.loop_id)
    assert tab.state(LoopState).loop.id == world.loop_id, opened.describe()
    allowed = [write for write in WRITES if who in write.allowed]
    assert allowed
    for write in allowed:
        with subtests.test(msg=write.name):
            world.reset()
            world.end_access()
            before = snapshot(world.engine)
            reply = write.steps(tab, world)
            assert not reply.errors, reply.describe()
            assert reply.successes and not reply.failures, reply.describe()
            assert write.table in changes(before, snapshot(world.engine))


# --- what each read handler would show -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Read:
    name: str
    allowed: tuple[str, ...]
    refused: tuple[str, ...]
    steps: Steps
    shows: str  # a secret the reply carries when it does show the record

    def __str__(self) -> str:
        return self.name


def page(path: str, **query: Callable[[World], object]) -> Steps:
    def steps(tab: Tab, w: World) -> Reply:
        return tab.open(path, **{name: value(w) for name, value in query.items()})

    return steps


def on_the_loop_page(tab: Tab, w: World) -> None:
    if tab.path != routes.LOOP:
        tab.open(routes.LOOP, id=w.loop_id)


def open_dialog(handler, kind: str, item: str) -> Steps:
    """Opening the dialog of one of the professional's records from the loop page."""

    def steps(tab: Tab, w: World) -> Reply:
        on_the_loop_page(tab, w)
        return (
            tab.send(handler, kind=kind, subject_id=getattr(w, item), title="Thread")
            if handler is CommentsState.open_thread
            else tab.send(handler, kind=kind, item_id=getattr(w, item), title="Item")
        )

    return steps


VIEWERS = (O, M, T)
READS = [  # whole pages first: a page visit sends the tab's whole state
    Read(
        "the loop page (LoopState.load and the stage loads)",
        VIEWERS,
        ALWAYS_REFUSED,
        page(routes.LOOP, id=lambda w: w.loop_id),
        GOAL,
    ),
    Read(
        "the progress page of another person (ProgressState.load)",
        VIEWERS,
        ALWAYS_REFUSED,
        page(routes.PROGRESS, person=lambda w: w.users[O].id),
        ASK_DONE,
    ),
    Read(
        "the insights page of another person (InsightsState.load)",
        VIEWERS,
        ALWAYS_REFUSED,
        page(routes.INSIGHTS, person=lambda w: w.users[O].id),
        GOAL,
    ),
    Read(
        "the quarterly review of another person (ReviewState.load)",
        VIEWERS,
        ALWAYS_REFUSED,
        page(routes.REVIEW, person=lambda w: w.users[O].id, quarter=lambda w: Quarter.of(today()).key),
        GOAL,
    ),
    Read("the team page (TeamState.load)", (M,), ALWAYS_REFUSED, page(routes.TEAM), GOAL),
    Read("the mentees page (MenteesState.load)", (T,), ALWAYS_REFUSED, page(routes.MENTEES), GOAL),
    Read(
        "TrackedItemState.open_progress",
        VIEWERS,
        ALWAYS_REFUSED,
        open_dialog(TrackedItemState.open_progress, "ask", "ask_done"),
        DELIVERY_NOTE,
    ),
    Read(
        "TrackedItemState.open_coe",
        VIEWERS,
        ALWAYS_REFUSED,
        open_dialog(TrackedItemState.open_coe, "ask", "ask_blocked"),
        COE_TEXT,
    ),
    Read(
        "CommentsState.open_thread",
        VIEWERS,
        ALWAYS_REFUSED,
        open_dialog(CommentsState.open_thread, "loop", "loop_id"),
        COMMENT,
    ),
]


def secrets_in(reply: Reply) -> list[str]:
    sent = json.dumps([reply.deltas, [e.payload for e in reply.events]], default=str)
    return [secret for secret in SECRETS if secret in sent]


@pytest.mark.parametrize("who", ALWAYS_REFUSED + (M, T))
def test_reads_refused_show_nothing(world: World, server: Server, subtests, who: str):
    """Each read, from a tab of someone without access: nothing of the record reaches it."""
    world.end_access()
    tab = world.tab(server, who)
    for read in READS:
        if who not in read.refused:
            continue
        with subtests.test(msg=read.name):
            reply = read.steps(tab, world)
            assert not reply.errors, f"{read} raised: {reply.describe()}"
            assert secrets_in(reply) == [], f"{read} showed the professional's records"
    if who in ALWAYS_REFUSED:
        with subtests.test(msg="what the refused pages say"):
            tab = world.tab(server, who)
            tab.open(routes.LOOP, id=world.loop_id)
            assert tab.state(LoopState).loop.id == 0 and tab.state(LoopState).problem
            tab.open(routes.PROGRESS, person=world.users[O].id)
            assert tab.state(ProgressState).problem and not tab.state(ProgressState).events
            tab.open(routes.INSIGHTS, person=world.users[O].id)
            assert tab.state(InsightsState).problem and not tab.state(InsightsState).owner_name
            tab.open(routes.REVIEW, person=world.users[O].id)
            assert tab.state(ReviewState).problem and not tab.state(ReviewState).owner_name


@pytest.mark.parametrize("who", VIEWERS)
def test_reads_show_the_record_to_those_allowed(world: World, server: Server, subtests, who: str):
    world.end_access()
    tab = world.tab(server, who)
    for read in READS:
        if who not in read.allowed:
            continue
        with subtests.test(msg=read.name):
            reply = read.steps(tab, world)
            assert not reply.errors, reply.describe()
            assert read.shows in secrets_in(reply)


# --- access that ends while a tab is open ----------------------------------------------------------


def test_access_ended_through_the_app_reaches_open_tabs(world: World, server: Server):
    former, revoked = world.tab(server, "former_manager"), world.tab(server, "revoked_mentor")
    for tab in (former, revoked):
        tab.open(routes.LOOP, id=world.loop_id)
        assert tab.state(LoopState).loop.id == world.loop_id

    admin, owner = world.tab(server, "admin"), world.tab(server, O)
    admin.open(routes.ADMIN)
    assert admin.send(AdminState.end_line, line_id=world.former_line).successes
    owner.open(routes.SETTINGS)
    assert owner.send(MentorGrantsState.revoke, grant_id=world.revoked_grant).successes

    for tab in (former, revoked):
        polled = tab.pushed()
        assert "window.location.reload()" in json.dumps([e.payload for e in polled.events]), polled.describe()
        assert tab.state(LoopState).loop.id == 0  # what the tab was shown is forgotten
    before = snapshot(world.engine)
    former.put(LoopState, loop=world.view)  # a client that still claims the loop is refused all the same
    logged = former.send(ItemsState.log_ask, form={"what": "One more thing", "due_on": due()})
    commented = comment_on("loop", "loop_id")(revoked, world)
    for reply in (logged, commented):
        assert not reply.errors and not reply.successes and FORBIDDEN in reply.failures, reply.describe()
    assert changes(before, snapshot(world.engine)) == {}


@pytest.mark.parametrize("who", ["former_manager", "expired_mentor", "revoked_mentor"])
def test_a_tab_reloaded_after_access_ended_keeps_none_of_the_records(world: World, server: Server, who: str):
    """The tab saw the loop while it could; once access ends, the change pushed to it
    asks it to reload, and the reloaded page must neither receive nor keep the records."""
    tab = world.tab(server, who)
    tab.open(routes.LOOP, id=world.loop_id)
    assert secrets_in(tab.open(routes.LOOP, id=world.loop_id)), "the tab never saw the loop"
    world.end_access()
    polled = tab.pushed()
    assert "window.location.reload()" in json.dumps([e.payload for e in polled.events]), polled.describe()

    reloaded = tab.open(routes.LOOP, id=world.loop_id)

    assert not reloaded.errors and tab.state(LoopState).problem
    state = json.dumps(tab.state(State).dict(), default=str)
    held = [secret for secret in SECRETS if secret in state]
    assert (secrets_in(reloaded), held) == ([], []), "(records the reload sent, records the tab's state still holds)"


# What a tab shows, asked for again after access ended: (what opens or reloads it, how to see it again).
REFUSED_AGAIN = {
    "comment thread": (
        lambda tab, w: tab.send(CommentsState.open_thread, kind="loop", subject_id=w.loop_id, title="Comments"),
        lambda tab, w: tab.send(CommentsState.refresh),
    ),
    "progress dialog": (
        lambda tab, w: tab.send(TrackedItemState.open_progress, kind="ask", item_id=w.ask_blocked, title="Ask"),
        lambda tab, w: tab.send(TrackedItemState.open_progress, kind="ask", item_id=w.ask_blocked, title="Ask"),
    ),
    "COE dialog": (
        lambda tab, w: tab.send(TrackedItemState.open_coe, kind="ask", item_id=w.ask_blocked, title="Ask"),
        lambda tab, w: tab.send(TrackedItemState.open_coe, kind="ask", item_id=w.ask_blocked, title="Ask"),
    ),
    "loop page": (lambda tab, w: None, lambda tab, w: tab.send(LoopState.refresh)),
    "timeline": (
        lambda tab, w: tab.open(routes.PROGRESS, person=w.users[O].id),
        lambda tab, w: tab.send(ProgressState.set_dates, form={}),
    ),
    "insights": (
        lambda tab, w: tab.open(routes.INSIGHTS, person=w.users[O].id),
        lambda tab, w: tab.send(InsightsState.refresh),
    ),
    "quarterly review": (
        lambda tab, w: tab.open(routes.REVIEW, person=w.users[O].id),
        lambda tab, w: tab.send(ReviewState.refresh),
    ),
}


@pytest.mark.parametrize("shown", REFUSED_AGAIN)
def test_a_tab_refused_again_keeps_none_of_what_it_showed(world: World, server: Server, shown: str):
    """A tab that missed the push (asleep, offline) asks again once access has ended: the refusal
    empties what it showed, in the tab's state and in the browser."""
    opened, again = REFUSED_AGAIN[shown]
    tab = world.tab(server, "revoked_mentor")
    seen = secrets_in(tab.open(routes.LOOP, id=world.loop_id))
    seen += secrets_in(opened(tab, world) or Reply())
    assert seen, "the tab never saw the loop"
    world.end_access()

    reply = again(tab, world)

    assert not reply.errors and not reply.successes, reply.describe()
    state = json.dumps(tab.state(State).dict(), default=str)
    assert (secrets_in(reply), [secret for secret in SECRETS if secret in state]) == ([], [])


# --- a disabled person ---------------------------------------------------------------------------

DISABLED_CALLS = {
    "LoopState.move_to": on_loop(LoopState.move_to, stage=3),
    "ItemsState.log_ask": form_on_loop(ItemsState.log_ask, lambda: {"what": "Sneak one in", "due_on": due()}),
    "TrackedItemState.record_progress": in_dialog(
        "recommendation",
        "rec",
        TrackedItemState.record_progress,
        {"status": "in_progress", "percent": "50"},
        stored(Recommendation, "rec"),
    ),
    "NotesState.add": form_on_loop(NotesState.add, lambda: {"note_body": "Still here"}),
    "CommentsState.save": comment_on("loop", "loop_id"),
    # What the push after the admin's write makes the tab do (LiveState.start between pages reads nothing).
    "LiveState.take": lambda tab, w: tab.send(LiveState.take, topics=[f"user:{w.users[O].id}"]),
    "ProgressState.load": page(routes.PROGRESS, person=lambda w: w.users[O].id),
    "ReviewState.save_summary": write_summary,
}


def test_a_disabled_persons_next_event_signs_each_tab_out(world: World, server: Server, subtests):
    world.end_access()
    tabs = {}
    for name in DISABLED_CALLS:
        tabs[name] = world.tab(server, O)
        tabs[name].open(routes.LOOP, id=world.loop_id)
        assert tabs[name].state(AuthState).token
    admin = world.tab(server, "admin")
    admin.open(routes.ADMIN)
    disabled = admin.send(AdminState.set_disabled, user_id=world.users[O].id, disabled=True)
    assert disabled.successes, disabled.describe()
    before = snapshot(world.engine)

    for name, steps in DISABLED_CALLS.items():
        with subtests.test(msg=name):
            tab = tabs[name]
            reply = steps(tab, world)
            assert not reply.errors, reply.describe()
            assert routes.SIGN_IN in reply.redirects, reply.describe()
            auth = tab.state(AuthState)
            assert auth.token == "" and auth.me.id == 0 and auth.notice
            assert reply.sent(AuthState, "token") == "", "the browser is not told to forget the session"
            assert not reply.successes
    assert changes(before, snapshot(world.engine)) == {}


@pytest.mark.parametrize("path", [routes.DASHBOARD, routes.LOOP, routes.NOTIFICATIONS])
def test_a_new_tab_on_a_session_that_has_ended_goes_to_sign_in_once_and_loads_nothing(
    world: World, server: Server, path: str
):
    """Who is signed in is read along with the page: the page's read finds the session gone, and the opening
    stops there, with one way to sign in and the reason kept for the sign-in page."""
    with transaction(world.engine) as db:
        db.exec(delete(AuthSession).where(AuthSession.user_id == world.users[O].id))
    tab = world.tab(server, O)  # the browser still holds the ended session's token
    reply = tab.open(path, id=world.loop_id)
    assert not reply.errors, reply.describe()
    assert reply.redirects == [routes.SIGN_IN], reply.describe()
    auth = tab.state(AuthState)
    assert auth.token == "" and auth.me.id == 0 and "signed out" in auth.notice
    assert tab.state(LoopState).loop.id == 0 and tab.state(LiveState).unread == 0


def test_only_its_owner_ends_a_session_and_its_tab_is_then_signed_out(world: World, server: Server):
    with transaction(world.engine) as db:
        laptop = accounts.start_session(db, db.get(User, world.users[O].id), device="Firefox on Windows")
        laptop_id = db.exec(select(AuthSession.id).where(AuthSession.token_hash == token_digest(laptop))).one()
    for who in PERSONAS[1:]:
        reply = world.tab(server, who).send(AccountState.end_session, session_id=laptop_id)
        assert not reply.successes and reply.failures and UNEXPECTED not in reply.failures, reply.describe()
    elsewhere = server.tab(laptop)
    elsewhere.open(routes.LOOP, id=world.loop_id)
    assert elsewhere.state(LoopState).loop.id == world.loop_id

    owner = world.tab(server, O)
    owner.open(routes.SETTINGS)
    assert [row.device for row in owner.state(AccountState).sessions if not row.current] == ["Firefox on Windows"]
    assert owner.send(AccountState.end_session, session_id=laptop_id).successes
    assert owner.state(AccountState).sessions and all(row.current for row in owner.state(AccountState).sessions)
    reply = elsewhere.send(LoopState.refresh)  # its next event
    assert routes.SIGN_IN in reply.redirects, reply.describe()
    assert elsewhere.state(LoopState).loop.id == 0

    with transaction(world.engine) as db:
        accounts.start_session(db, db.get(User, world.users[O].id), device="Safari on iPhone")
    owner.open(routes.SETTINGS)
    assert len(owner.state(AccountState).sessions) == 2
    new = "harbour kettle saffron 58"
    form = {"current_password": PASSWORD, "new_password": new, "password_confirm": new}
    assert owner.send(SettingsState.change_password, form=form).successes
    assert [row.current for row in owner.state(AccountState).sessions] == [True]  # the list shows the others ended


# --- garbage arguments -----------------------------------------------------------------------------

# Strings of digits are left out: Reflex turns them into the int a handler declares.
GARBAGE = (None, "not an id", {"id": 1}, [1, "x"], True, 2**64)


def _app_handlers() -> list[tuple[str, object, list[str]]]:
    """Every event handler the app's states define, as a client can call them.

    The framework's own `setvar` is left out. The signed-in person's own
    AuthState handlers go last, since some of them end the session."""
    found = []
    for name, registered in RegistrationContext.get().event_handlers.items():
        state = registered.states[0]
        if not state.__module__.startswith("magicloop.") or name.endswith(".setvar"):
            continue
        handler = registered.handler
        params = [
            p.name
            for p in list(inspect.signature(handler.fn).parameters.values())[1:]
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        ]
        found.append((f"{state.__name__}.{name.rsplit('.', 1)[1]}", handler, params))
    return sorted(found, key=lambda f: (f[0].startswith("AuthState."), f[0] == "AuthState.sign_out", f[0]))


APP_HANDLERS = _app_handlers()
ADMIN_STATES = (
    "AdminState.",
    "AuditLogState.",
    "OrganisationInsightsState.",
    "FrameworkState.",
)  # the handlers of the admin pages


def real_arguments(w: World) -> dict[str, object]:
    """Sensible values for the arguments handlers take, by name, so that garbage in
    one argument meets real records in the others."""
    return {
        "kind": "ask",
        "item_id": w.ask_blocked,
        "subject_id": w.loop_id,
        "title": "Title",
        "ask_id": w.ask_done,
        "idea_id": w.idea,
        "rec_id": w.rec,
        "step_id": w.step,
        "note_id": w.note,
        "comment_id": w.comment,
        "conversation_id": w.conversation,
        "grant_id": w.mentor_grant,
        "line_id": w.former_line,
        "user_id": w.users["stranger"].id,
        "pulse_id": a_pulse(w),
        "stage": 2,
        "done": True,
        "on": True,
        "disabled": False,
        "is_open": True,
        "page": 0,
        "form": {},
        "text": "next Friday",
        "value": "UTC",
    }


def answered_pulse(db, runner: int, asked: tuple[int, ...], title: str) -> int:
    """A pulse `runner` ran, every one of `asked` having answered it."""
    pulse = CulturePulse(owner_id=runner, title=title)
    db.add(pulse)
    db.flush()
    db.add_all(PulseInvitation(pulse_id=pulse.id, user_id=person, answered=True) for person in asked)
    db.add_all(
        PulseResponse(pulse_id=pulse.id, comment=f"Said {n}", **{column: 3 for column, _ in DISCIPLINES})
        for n in range(len(asked))
    )
    return pulse.id


def a_pulse(world: World) -> int:
    """The professional's pulse, answered by their manager, their mentor and a colleague (made once a world)."""
    with transaction(world.engine) as db:
        found = db.exec(select(CulturePulse.id).where(CulturePulse.title == "The pulse")).first()
        asked = (world.users[M].id, world.users[T].id, world.users["stranger"].id)
        return found or answered_pulse(db, world.users[O].id, asked, "The pulse")


def open_on_real_records(tab: Tab, w: World) -> None:
    """The loop page with every dialog open on one of the professional's own records, and their pulse."""
    tab.put(PulseState, pulse=dataclasses.replace(NO_PULSE, id=a_pulse(w)))
    tab.put(LoopState, loop=w.view)
    tab.put(TrackedItemState, kind="ask", item_id=w.ask_blocked)
    tab.put(CommentsState, kind="ask", subject_id=w.ask_done, editing=0, replying_to=0)
    tab.put(GrowthState, replying_to=w.rec)
    tab.put(EditState, kind="note", item_id=w.note)


@pytest.mark.parametrize("who", [O, "admin"])
def test_garbage_arguments_never_raise(world: World, server: Server, subtests, who: str):
    """Each handler from a signed-in tab (the professional on their loop page with
    its dialogs open; the admin on the admin page, for the admin handlers), with
    every argument set to each garbage value in turn, and, for handlers taking
    several, each argument garbage in turn while the others are real.

    Garbage must not raise out of a handler, and should be refused calmly: not with
    the "something went wrong" answer the runner keeps for failures nobody foresaw."""
    world.end_access()
    tab = world.tab(server, who)
    tab.open(routes.LOOP, id=world.loop_id) if who == O else tab.open(routes.ADMIN)
    handlers = APP_HANDLERS if who == O else [h for h in APP_HANDLERS if h[0].startswith(ADMIN_STATES)]
    assert len(handlers) > 5
    real = real_arguments(world)
    for name, handler, params in handlers:
        calls = [{param: value for param in params} for value in GARBAGE] if params else [{}]
        if len(params) > 1:
            calls += [
                {**{p: real.get(p, value) for p in params}, param: value} for param in params for value in GARBAGE
            ]
        raised, unforeseen = [], []
        if who == O:
            open_on_real_records(tab, world)
        for payload in calls:
            reply = tab.send(handler, **payload)
            call = f"{name}({', '.join(f'{p}={v!r}' for p, v in payload.items())})"
            raised += [f"{call} raised {error!r}" for error in reply.errors]
            if UNEXPECTED in reply.failures:
                unforeseen.append(f"{call} answered {UNEXPECTED!r}")
        with subtests.test(msg=f"{name} never raises"):
            assert not raised, "\n".join(raised)
        with subtests.test(msg=f"{name} refuses garbage calmly"):
            assert not unforeseen, "\n".join(unforeseen)


ODD_ADDRESSES = ("0", "²", "٣", "-4", "1e3", "9" * 30, "x")


@pytest.mark.parametrize(
    "route, parameter",
    [(routes.LOOP, "id"), (routes.PULSE_VIEW, "id"), (routes.PROGRESS, "person"), (routes.INSIGHTS, "person")],
)
def test_a_page_opened_at_an_odd_address_never_raises(world: World, server: Server, route: str, parameter: str):
    """A link can be typed: a parameter that is no row id (a superscript digit passes `str.isdigit` but not `int`)
    is calmly refused or read as none."""
    tab = world.tab(server, O)
    for odd in ODD_ADDRESSES:
        reply = tab.open(route, **{parameter: odd})
        assert not reply.errors, f"{route}?{parameter}={odd}: {reply.describe()}"
        assert UNEXPECTED not in reply.failures, f"{route}?{parameter}={odd}"
