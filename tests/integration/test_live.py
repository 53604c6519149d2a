"""Changes reach the other people's open tabs, pushed after the commit, through the real handlers.

Each tab here is driven one event at a time; `Tab.pushed()` hands it what its
listener would have received (the topics of the commits since its last look
that touch what it shows). Nothing polls: a tab that is sent nothing reloads nothing.
"""

from __future__ import annotations

from sqlalchemy import delete

from magicloop import routes
from magicloop.db import transaction
from magicloop.models import ManagerAsk
from magicloop.services import organisation
from magicloop.state.admin import AdminState
from magicloop.state.auth import AuthState
from magicloop.state.comments import CommentsState
from magicloop.state.dashboard import DashboardState
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState
from magicloop.state.live import LiveState
from magicloop.state.loop import LoopState
from magicloop.state.people import ProgressState
from magicloop.state.reflect import ReflectState
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Server,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.test_handlers_refuse import M, O, T, World, due
from tests.integration.test_statement_counts import began_and_sent, counted

world = everyone.world  # the professional's loop with a record of every kind, and everyone around it


def test_an_ask_the_manager_logs_appears_in_the_professionals_open_loop_page(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    owner.open(routes.LOOP, id=world.loop_id)
    manager.open(routes.LOOP, id=world.loop_id)
    unread = owner.state(LiveState).unread

    logged = manager.send(ItemsState.log_ask, form={"what": "Own the churn dashboard", "due_on": due()})
    assert logged.successes == ["Ask logged"], logged.describe()

    pushed = owner.pushed()
    assert not pushed.errors, pushed.describe()
    assert pushed.handled == 1, "the unread count, the loop and its thread are reloaded in the event that takes the change"
    assert "Own the churn dashboard" in [ask.what for ask in owner.state(ItemsState).asks]
    assert owner.state(LiveState).unread == unread + 1
    assert any("You have a new notification" in message for kind, message in pushed.toasts if kind == "info")


def test_a_change_pushed_to_an_open_loop_page_reloads_only_the_parts_that_show_it(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    owner.open(routes.LOOP, id=world.loop_id)
    manager.open(routes.LOOP, id=world.loop_id)

    manager.send(ItemsState.log_ask, form={"what": "Own the churn dashboard", "due_on": due()})
    with counted(world.engine) as statements:
        pushed = owner.pushed()

    assert not pushed.errors, pushed.describe()
    assert "Own the churn dashboard" in [ask.what for ask in owner.state(ItemsState).asks]
    reloaded = set().union(*pushed.deltas)
    assert {LoopState.get_full_name(), ItemsState.get_full_name()} <= reloaded
    assert not reloaded & {ReflectState.get_full_name(), GrowthState.get_full_name(), CommentsState.get_full_name()}
    # The unread count and whom the owner follows (4), then the stepper and the asks' stage (8): the whole page was 19.
    assert len(statements) <= 12


def test_a_change_no_part_of_the_loop_page_shows_alone_reloads_all_of_it(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    owner.open(routes.LOOP, id=world.loop_id)
    manager.open(routes.LOOP, id=world.loop_id)
    manager.send(CommentsState.open_thread, kind="loop", subject_id=world.loop_id, title="Loop 1")

    moved = owner.send(LoopState.move_to, stage=3)
    assert moved.successes, moved.describe()
    with began_and_sent(world) as (began, _statements):
        pushed = manager.pushed()

    assert not pushed.errors, pushed.describe()
    assert manager.state(LoopState).loop.stage == 3
    assert {ReflectState.get_full_name(), GrowthState.get_full_name()} <= set().union(*pushed.deltas)
    assert len(began) == 1, "the whole page and the open thread are read in one transaction"


def test_a_recommendation_and_a_comment_reach_the_open_page_and_the_open_thread(world: World, server: Server):
    owner, manager, mentor = world.tab(server, O), world.tab(server, M), world.tab(server, T)
    for tab in (owner, mentor):
        tab.open(routes.LOOP, id=world.loop_id)
    owner.send(CommentsState.open_thread, kind="loop", subject_id=world.loop_id, title="Loop 1")
    manager.open(routes.LOOP, id=world.loop_id)

    manager.send(GrowthState.add_recommendation, form={"what": "Shadow the finance partner", "due_on": due()})
    manager.send(CommentsState.open_thread, kind="loop", subject_id=world.loop_id, title="Loop 1")
    manager.send(CommentsState.save, form={"comment_body": "Nice pace this month"})

    for tab in (owner, mentor):
        assert not tab.pushed().errors
        assert "Shadow the finance partner" in [rec.what for rec in tab.state(GrowthState).recommendations]
    assert "Nice pace this month" in [row.body for row in owner.state(CommentsState).rows]


def test_a_comment_reaches_the_open_thread_in_the_transaction_that_reloads_the_page(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    for tab in (owner, manager):
        tab.open(routes.LOOP, id=world.loop_id)
        tab.send(CommentsState.open_thread, kind="loop", subject_id=world.loop_id, title="Loop 1")

    manager.send(CommentsState.save, form={"comment_body": "Shall we go through it on Friday?"})
    with began_and_sent(world) as (began, statements):
        pushed = owner.pushed()

    assert not pushed.errors, pushed.describe()
    assert "Shall we go through it on Friday?" in [row.body for row in owner.state(CommentsState).rows]
    assert owner.state(LoopState).threads.counts  # the stepper's comment counts came with it
    # The stepper, the comment counts, the open thread and the unread count (the comment awaits the owner's reply)
    # in one transaction: 10 statements, where the unread count in a transaction of its own made 12 and the thread
    # in a third 15.
    assert len(began) == 1, statements
    assert len(statements) <= 10, statements


def test_an_open_thread_whose_item_has_gone_closes_while_the_page_takes_the_change(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    owner.open(routes.LOOP, id=world.loop_id)
    owner.send(CommentsState.open_thread, kind="ask", subject_id=world.ask_done, title="Ask")
    manager.open(routes.LOOP, id=world.loop_id)
    unread = owner.state(LiveState).unread
    with world.engine.begin() as connection:  # gone, and no open tab told
        connection.execute(delete(ManagerAsk).where(ManagerAsk.id == world.ask_done))

    manager.send(CommentsState.open_thread, kind="loop", subject_id=world.loop_id, title="Loop 1")
    manager.send(CommentsState.save, form={"comment_body": "Where did that ask go?"})
    pushed = owner.pushed()

    assert not pushed.errors, pushed.describe()
    assert "That item no longer exists." in pushed.failures
    assert not owner.state(CommentsState).rows
    assert owner.state(LoopState).threads.counts.get(f"loop-{world.loop_id}")
    assert owner.state(LiveState).unread == unread + 1  # the unread count, read along with the page all the same


def test_a_tab_showing_something_else_gets_only_its_unread_count(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    owner.open(routes.SETTINGS)
    manager.open(routes.LOOP, id=world.loop_id)

    manager.send(GrowthState.add_recommendation, form={"what": "Shadow the finance partner", "due_on": due()})

    assert owner.state(LiveState)._topics == [f"user:{world.users[O].id}"]
    pushed = owner.pushed()
    assert [set(delta) for delta in pushed.deltas] == [{LiveState.get_full_name()}]  # the unread count only


def test_the_managers_dashboard_follows_their_reports_changes(world: World, server: Server):
    owner, manager = world.tab(server, O), world.tab(server, M)
    manager.open(routes.DASHBOARD)
    owner.open(routes.LOOP, id=world.loop_id)
    assert f"owner:{world.users[O].id}" in manager.state(LiveState)._topics

    owner.send(ItemsState.log_ask, form={"what": "Run the CES pilot", "due_on": due()})

    reloaded = manager.pushed()
    assert not reloaded.errors and reloaded.sent(DashboardState, "home") is not None, reloaded.describe()


def test_the_timeline_a_mentor_reads_gains_new_events(world: World, server: Server):
    owner, mentor = world.tab(server, O), world.tab(server, T)
    mentor.open(routes.PROGRESS, person=world.users[O].id)
    owner.open(routes.LOOP, id=world.loop_id)

    owner.send(ItemsState.log_ask, form={"what": "Run the CES pilot", "due_on": due()})

    assert not mentor.pushed().errors
    assert any("Run the CES pilot" in event.summary for event in mentor.state(ProgressState).events)


def test_someone_joining_appears_on_the_admins_people_list(world: World, server: Server):
    admin = world.tab(server, "admin")
    admin.open(routes.ADMIN)
    with transaction(world.engine) as db:
        invite = organisation.invite(db, db.merge(world.users["admin"]), {"email": "newcomer@acme.test"})
    with transaction(world.engine) as db:
        password = "plum orchard violin 42"
        form = {"display_name": "Nia Newcomer", "time_zone": "UTC", "password": password, "password_confirm": password}
        organisation.accept_invite(db, invite.link.rsplit("=", 1)[1], form)

    assert not admin.pushed().errors
    assert "Nia Newcomer" in [person.display_name for person in admin.state(AdminState).people]


def test_moving_between_pages_shows_whoever_signed_in_last_on_this_computer(world: World, server: Server):
    """Pages opened in a tab reuse who is signed in, until another tab signs someone else in."""
    tab = world.tab(server, O)
    tab.open(routes.SETTINGS)
    assert tab.state(AuthState).me.display_name == "Olivia Owner"
    tab.open(routes.DASHBOARD)
    assert tab.state(AuthState).me.display_name == "Olivia Owner"
    tab.session_token = world.tokens[M]  # signed in as someone else in another tab of this browser
    tab.open(routes.SETTINGS)
    assert tab.state(AuthState).me.display_name == "Max Manager"
