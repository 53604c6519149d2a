"""Threaded comments on a loop and on everything in it.

The owner, their manager and a mentor they granted may read and comment; nobody
else may, whoever they are. A comment from the manager or a mentor waits for the
professional's reply, and the reply in the thread closes it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from magicloop.models import (
    COEReview,
    Comment,
    GrowthConversation,
    Idea,
    ManagerAsk,
    MentorGrant,
    Notification,
    ProgressUpdate,
    QuarterlyReview,
    Recommendation,
    ReportingLine,
    SelfReflection,
    StageReflection,
    TimelineEvent,
    utcnow,
)
from magicloop.services import comments, dashboard, mentoring, team, threads
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.clock import NOON
from tests.support import BAD_IDS, count, opened

pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.date()
ALLOWED = ["owner", "manager", "mentor"]
REFUSED = ["stranger", "former", "expired_mentor", "revoked_mentor", "outsider_admin", "admin"]


@pytest.fixture
def subjects(db, people, loop) -> dict[str, int]:
    """One record of every kind a comment can hang on: in the owner's loop, and their quarterly review."""
    ask = ManagerAsk(
        loop_id=loop.id,
        logged_by_id=people.manager.id,
        what="Clean up the survey backlog",
        asked_on=TODAY,
        status="blocked",
    )
    rec = Recommendation(loop_id=loop.id, recommended_by_id=people.manager.id, what="Present at the CX forum")
    talk = GrowthConversation(loop_id=loop.id, recorded_by_id=people.manager.id, held_on=TODAY, gaps="Exec presence")
    db.add_all([ask, rec, talk])
    db.flush()
    records = {
        "loop": loop,
        "ask": ask,
        "recommendation": rec,
        "conversation": talk,
        "progress": ProgressUpdate(
            loop_id=loop.id, ask_id=ask.id, author_id=people.owner.id, status="blocked", percent=20
        ),
        "idea": Idea(loop_id=loop.id, author_id=people.owner.id, proposal="Run a culture pulse"),
        "coe": COEReview(
            loop_id=loop.id,
            author_id=people.owner.id,
            subject_kind="ask",
            subject_id=ask.id,
            what_happened="Survey tool down",
        ),
        "reflection": SelfReflection(loop_id=loop.id, strengths="Research", readiness=6),
        "stage_reflection": StageReflection(loop_id=loop.id, stage=3, learned="Ask early"),
        "review": QuarterlyReview(owner_id=people.owner.id, quarter="2026Q4", owner_summary="A steady quarter"),
    }
    db.add_all(records.values())
    db.commit()
    assert set(records) == set(comments.SUBJECTS)
    return {kind: record.id for kind, record in records.items()}


def say(db, actor, kind, subject_id, body="Nice work on this", parent=None) -> int:
    comment_id = comments.add_comment(db, actor, kind, subject_id, {"comment_body": body}, parent)
    db.flush()
    return comment_id


def thread(db, actor, kind, subject_id) -> dict[int, threads.CommentRow]:
    return {r.id: r for r in threads.list_comments(db, actor, kind, subject_id)}


def notes_to(db, user) -> list[tuple[str, str]]:
    return [
        (n.kind, n.message)
        for n in db.exec(select(Notification).where(Notification.recipient_id == user.id).order_by(Notification.id))
    ]


# --- who may comment -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ALLOWED)
def test_owner_manager_and_mentor_comment_on_every_kind_of_record(db, people, subjects, who):
    actor = getattr(people, who)
    for kind, subject_id in subjects.items():
        comment_id = say(db, actor, kind, subject_id, f"About this {kind}")
        [row] = threads.list_comments(db, people.owner, kind, subject_id)
        assert (row.id, row.author, row.body, row.depth, row.awaiting_reply) == (
            comment_id,
            actor.display_name,
            f"About this {kind}",
            0,
            who == "manager",  # a mentor's note asks for a reply only with a question
        ), kind
        assert [r.id for r in threads.list_comments(db, actor, kind, subject_id)] == [comment_id], kind
    assert count(db, Comment) == (len(subjects),)
    events = db.exec(select(TimelineEvent).where(TimelineEvent.kind == "comment")).all()
    assert {(e.owner_id, e.actor_id, e.summary) for e in events} == {
        (people.owner.id, actor.id, f"{actor.display_name} commented")
    }


@pytest.mark.parametrize("who", REFUSED)
def test_nobody_else_may_read_or_add_comments_on_any_record(db, people, subjects, who):
    for kind, subject_id in subjects.items():
        say(db, people.manager, kind, subject_id, "Manager's view")
    before = count(db, Comment, Notification, TimelineEvent)
    actor = getattr(people, who)
    for kind, subject_id in subjects.items():
        with pytest.raises(Forbidden):
            threads.list_comments(db, actor, kind, subject_id)
        with pytest.raises(Forbidden):
            comments.add_comment(db, actor, kind, subject_id, {"comment_body": "Let me in"})
    assert count(db, Comment, Notification, TimelineEvent) == before


@pytest.mark.parametrize("who", REFUSED)
def test_nobody_else_may_reply_edit_or_delete(db, people, subjects, who):
    first = say(db, people.manager, "ask", subjects["ask"])
    before = count(db, Comment, Notification)
    actor = getattr(people, who)
    for attempt in (
        lambda: comments.add_comment(db, actor, "ask", subjects["ask"], {"comment_body": "Hi"}, first),
        lambda: comments.edit_comment(db, actor, first, {**opened(db, Comment, first), "comment_body": "Changed"}),
        lambda: comments.delete_comment(db, actor, first),
    ):
        with pytest.raises(Forbidden):
            attempt()
    assert count(db, Comment, Notification) == before
    assert db.get(Comment, first).body == "Nice work on this" and db.get(Comment, first).deleted_at is None


def test_a_revoked_mentor_loses_their_own_comments_too(make, db, people, subjects):
    mine = say(db, people.mentor, "loop", subjects["loop"])
    for g in db.exec(select(MentorGrant).where(MentorGrant.mentor_id == people.mentor.id)):
        g.revoked_at = utcnow()
        db.add(g)
    db.flush()
    for attempt in (
        lambda: threads.list_comments(db, people.mentor, "loop", subjects["loop"]),
        lambda: comments.edit_comment(db, people.mentor, mine, {**opened(db, Comment, mine), "comment_body": "Edited"}),
        lambda: comments.delete_comment(db, people.mentor, mine),
    ):
        with pytest.raises(Forbidden):
            attempt()
    assert db.get(Comment, mine).body == "Nice work on this"


def test_comments_on_a_closed_loop_are_still_allowed(db, people, loop, subjects):
    loop.closed_at = utcnow()
    db.add(loop)
    db.flush()
    first = say(db, people.mentor, "ask", subjects["ask"], "Looking back, what would you change?")
    say(db, people.owner, "ask", subjects["ask"], "Thanks!", parent=first)
    assert [r.answered for r in threads.list_comments(db, people.manager, "ask", subjects["ask"])] == [True, False]


def test_when_a_reporting_line_ends_the_old_managers_comments_stay_but_access_goes(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "Keep going")
    line = db.exec(select(ReportingLine).where(ReportingLine.manager_id == people.manager.id)).one()
    line.ends_on = TODAY
    db.add(line)
    db.flush()
    [row] = threads.list_comments(db, people.owner, "ask", subjects["ask"])
    assert (row.id, row.author, row.body) == (first, "Max Manager", "Keep going")
    for attempt in (
        lambda: threads.list_comments(db, people.manager, "ask", subjects["ask"]),
        lambda: comments.add_comment(db, people.manager, "ask", subjects["ask"], {"comment_body": "Hi"}),
        lambda: comments.edit_comment(
            db, people.manager, first, {**opened(db, Comment, first), "comment_body": "Changed"}
        ),
        lambda: comments.delete_comment(db, people.manager, first),
    ):
        with pytest.raises(Forbidden):
            attempt()
    assert db.get(Comment, first).body == "Keep going"


def test_comment_times_are_shown_in_the_viewers_time_zone(db, people, subjects):
    first = say(db, people.manager, "loop", subjects["loop"])
    db.get(Comment, first).created_at = dt.datetime(2026, 11, 21, 23, 30, tzinfo=dt.UTC)
    db.flush()
    people.mentor.time_zone = "Asia/Kolkata"
    assert thread(db, people.mentor, "loop", subjects["loop"])[first].when == "22 Nov 2026, 05:00"
    assert thread(db, people.owner, "loop", subjects["loop"])[first].when == "21 Nov 2026, 23:30"


# --- replies close the loop ------------------------------------------------------------------------------------


def unanswered_for(db, manager) -> int:
    [row] = team.team_overview(db, manager, TODAY, utcnow())
    return row.unanswered


@pytest.mark.parametrize("who", ["manager", "mentor"])
def test_the_owners_reply_answers_a_comment_and_it_stops_counting(db, people, subjects, who):
    actor = getattr(people, who)
    first = say(db, actor, "recommendation", subjects["recommendation"], "Who else will present?")
    base = 1  # the recommendation itself still awaits its closing reply
    assert dashboard.feedback_counts(db, people.owner)[0] == base + 1
    assert unanswered_for(db, people.manager) == base + (who == "manager")
    row = thread(db, people.owner, "recommendation", subjects["recommendation"])[first]
    assert (row.awaiting_reply, row.answered) == (True, False)
    reply = say(db, people.owner, "recommendation", subjects["recommendation"], "Just me, with slides", first)
    rows = thread(db, actor, "recommendation", subjects["recommendation"])
    assert (rows[first].awaiting_reply, rows[first].answered) == (False, True)
    assert (rows[reply].depth, rows[reply].awaiting_reply, rows[reply].author) == (1, False, "Ada Owner")
    assert dashboard.feedback_counts(db, people.owner)[0] == base
    assert unanswered_for(db, people.manager) == base


def _revoke(db, people):
    grant = db.exec(select(MentorGrant).where(MentorGrant.mentor_id == people.mentor.id)).one()
    mentoring.revoke_access(db, people.owner, grant.id)


def _expire(db, people):
    grant = db.exec(select(MentorGrant).where(MentorGrant.mentor_id == people.mentor.id)).one()
    grant.expires_at = utcnow() - dt.timedelta(minutes=1)
    db.add(grant)


def _end_line(db, people):
    line = db.exec(select(ReportingLine).where(ReportingLine.manager_id == people.manager.id)).one()
    line.ends_on = TODAY
    db.add(line)


@pytest.mark.parametrize(
    "who, lose_access",
    [("mentor", _revoke), ("mentor", _expire), ("manager", _end_line)],
    ids=["revoked", "expired", "former"],
)
def test_a_comment_from_someone_who_lost_access_no_longer_awaits_a_reply(db, people, subjects, who, lose_access):
    author = getattr(people, who)
    first = say(db, author, "loop", subjects["loop"], "How did the read-out land?")
    base = 1  # the recommendation itself still awaits its closing reply
    assert dashboard.feedback_counts(db, people.owner)[0] == base + 1
    assert dashboard.feedback_counts(db, author)[1] == 1 + (who == "manager")
    lose_access(db, people)
    db.flush()
    row = thread(db, people.owner, "loop", subjects["loop"])[first]
    assert (row.awaiting_reply, row.answered) == (False, False)
    assert dashboard.feedback_counts(db, people.owner)[0] == base
    assert dashboard.feedback_counts(db, author)[1] == 0  # nothing they can still see waits on them


def test_the_owners_own_comment_expects_no_reply(db, people, subjects):
    mine = say(db, people.owner, "loop", subjects["loop"], "Note to self and my manager")
    row = thread(db, people.manager, "loop", subjects["loop"])[mine]
    assert (row.awaiting_reply, row.answered) == (False, False)
    assert dashboard.feedback_counts(db, people.owner)[0] == 1  # just the recommendation
    assert db.get(Comment, mine).expects_reply is False


def test_a_reply_from_someone_else_does_not_answer_for_the_owner(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "Any blockers?")
    say(db, people.mentor, "ask", subjects["ask"], "Would you share them with me too?", first)
    rows = list(thread(db, people.owner, "ask", subjects["ask"]).values())
    assert [(r.awaiting_reply, r.depth) for r in rows] == [(True, 0), (True, 1)]
    assert dashboard.feedback_counts(db, people.owner)[0] == 1 + 2


def test_a_mentor_note_is_labelled_and_asks_for_a_reply_only_with_a_question(db, people, subjects):
    note = say(db, people.mentor, "loop", subjects["loop"], "Strong quarter. Keep the read-outs short.")
    question = say(db, people.mentor, "loop", subjects["loop"], "What would you do differently next time?")
    managers = say(db, people.manager, "loop", subjects["loop"], "Agreed.")
    rows = thread(db, people.owner, "loop", subjects["loop"])
    assert [(rows[c].role, rows[c].awaiting_reply) for c in (note, question, managers)] == [
        ("Mentor note", False),
        ("Mentor note", True),
        ("Manager", True),
    ]


def test_a_deep_reply_by_the_owner_answers_every_comment_above_it(db, people, subjects):
    top = say(db, people.manager, "ask", subjects["ask"], "Any blockers?")
    middle = say(db, people.mentor, "ask", subjects["ask"], "And what helped?", top)
    say(db, people.owner, "ask", subjects["ask"], "The tool was down; a fallback helped", middle)
    rows = thread(db, people.manager, "ask", subjects["ask"])
    assert rows[top].answered and rows[middle].answered
    assert dashboard.feedback_counts(db, people.owner)[0] == 1


def test_threads_nest_and_stop_indenting_at_the_deepest_level(db, people, subjects):
    ids = [say(db, people.manager, "loop", subjects["loop"], "Level 0")]
    for level in range(1, 6):
        ids.append(
            say(db, people.manager if level % 2 else people.owner, "loop", subjects["loop"], f"Level {level}", ids[-1])
        )
    sibling = say(db, people.mentor, "loop", subjects["loop"], "Second thread")
    rows = threads.list_comments(db, people.owner, "loop", subjects["loop"])
    assert [(r.body, r.depth) for r in rows] == [
        ("Level 0", 0),
        ("Level 1", 1),
        ("Level 2", 2),
        ("Level 3", 3),
        ("Level 4", 3),
        ("Level 5", 3),
        ("Second thread", 0),
    ]
    assert rows[-1].id == sibling
    assert db.get(Comment, ids[5]).parent_id == ids[4]


@pytest.mark.parametrize("where", ["another ask", "the loop", "an idea"])
def test_a_reply_to_a_comment_on_another_record_is_refused(db, people, loop, subjects, where):
    other = ManagerAsk(loop_id=loop.id, logged_by_id=people.manager.id, what="Another ask", asked_on=TODAY)
    db.add(other)
    db.flush()
    target = {
        "another ask": ("ask", other.id),
        "the loop": ("loop", subjects["loop"]),
        "an idea": ("idea", subjects["idea"]),
    }[where]
    first = say(db, people.manager, "ask", subjects["ask"], "On the first ask")
    with pytest.raises(InvalidInput) as refused:
        comments.add_comment(db, people.owner, *target, {"comment_body": "Misplaced"}, first)
    assert set(refused.value.field_errors) == {"comment_body"}
    assert count(db, Comment) == (1,) and db.get(Comment, first).answered_at is None


@pytest.mark.parametrize("parent", ["1", True, 1.5, [1], {"id": 1}, 999_999, 0, -1])
def test_a_reply_to_a_bad_parent_is_refused(db, people, subjects, parent):
    say(db, people.manager, "ask", subjects["ask"])
    with pytest.raises(InvalidInput) as refused:
        comments.add_comment(db, people.owner, "ask", subjects["ask"], {"comment_body": "Hello"}, parent)
    assert "comment_body" in refused.value.field_errors
    assert count(db, Comment) == (1,)


# --- editing and deleting --------------------------------------------------------------------------------------


def test_the_author_edits_their_comment(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "First thoughts")
    comments.edit_comment(
        db, people.manager, first, {**opened(db, Comment, first), "comment_body": "  Second thoughts  "}
    )
    row = thread(db, people.owner, "ask", subjects["ask"])[first]
    assert (row.body, row.edited, row.mine) == ("Second thoughts", True, False)
    assert thread(db, people.manager, "ask", subjects["ask"])[first].mine is True


@pytest.mark.parametrize(
    "author, other", [("manager", "owner"), ("owner", "manager"), ("manager", "mentor"), ("mentor", "owner")]
)
def test_only_the_author_edits_or_deletes_a_comment(db, people, subjects, author, other):
    first = say(db, getattr(people, author), "ask", subjects["ask"], "Mine")
    for attempt in (
        lambda: comments.edit_comment(
            db, getattr(people, other), first, {**opened(db, Comment, first), "comment_body": "Theirs"}
        ),
        lambda: comments.delete_comment(db, getattr(people, other), first),
    ):
        with pytest.raises(Forbidden):
            attempt()
    saved = db.get(Comment, first)
    assert (saved.body, saved.edited_at, saved.deleted_at) == ("Mine", None, None)


def test_a_deleted_comment_keeps_its_place_but_not_its_words(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "Secret budget figures")
    reply = say(db, people.owner, "ask", subjects["ask"], "Noted", first)
    comments.delete_comment(db, people.manager, first)
    rows = threads.list_comments(db, people.owner, "ask", subjects["ask"])
    assert [(r.id, r.body, r.deleted, r.depth, r.mine) for r in rows] == [
        (first, "*Comment deleted.*", True, 0, False),
        (reply, "Noted", False, 1, True),
    ]
    assert thread(db, people.manager, "ask", subjects["ask"])[first].mine is False
    assert db.get(Comment, first).body == ""
    assert not [e for e in db.exec(select(TimelineEvent)) if "Secret" in e.summary]
    for attempt in (
        lambda: comments.edit_comment(
            db, people.manager, first, {**opened(db, Comment, first), "comment_body": "Back again"}
        ),
        lambda: comments.delete_comment(db, people.manager, first),
    ):
        with pytest.raises(NotFound):
            attempt()


def test_a_deleted_comment_no_longer_awaits_a_reply(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "Please reply")
    comments.delete_comment(db, people.manager, first)
    assert thread(db, people.owner, "ask", subjects["ask"])[first].awaiting_reply is False
    assert dashboard.feedback_counts(db, people.owner)[0] == 1
    assert unanswered_for(db, people.manager) == 1


# --- the body --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "**Great** work — see [the plan](https://docs.acme.test/plan)\n\n- one\n- two",
        "<script>alert('x')</script> stays text; rendering makes it safe",
        "`code` and\ttabs\nand lines",
        "x" * 4000,
    ],
)
def test_markdown_is_stored_as_typed(db, people, subjects, body):
    first = say(db, people.manager, "loop", subjects["loop"], body)
    assert thread(db, people.owner, "loop", subjects["loop"])[first].body == body


@pytest.mark.parametrize("body", ["", "   ", None, 42, ["hello"], {"text": "hello"}, "x" * 4001, "bell\x07"])
def test_a_bad_comment_is_refused_and_nothing_is_written(db, people, subjects, body):
    with pytest.raises(InvalidInput) as refused:
        comments.add_comment(db, people.manager, "ask", subjects["ask"], {"comment_body": body})
    assert set(refused.value.field_errors) == {"comment_body"}
    assert count(db, Comment, Notification, TimelineEvent) == (0, 0, 0)


@pytest.mark.parametrize("data", [None, [], "Nice work", 5])
def test_a_comment_from_a_non_form_asks_for_the_body(db, people, subjects, data):
    with pytest.raises(InvalidInput) as refused:
        comments.add_comment(db, people.manager, "ask", subjects["ask"], data)
    assert "comment_body" in refused.value.field_errors
    assert count(db, Comment) == (0,)


@pytest.mark.parametrize("body", ["", None, 42, ["hello"], "x" * 4001, "nul\x00"])
def test_a_bad_edit_is_refused_and_keeps_the_comment(db, people, subjects, body):
    first = say(db, people.manager, "ask", subjects["ask"], "First thoughts")
    with pytest.raises(InvalidInput) as refused:
        comments.edit_comment(db, people.manager, first, {**opened(db, Comment, first), "comment_body": body})
    assert set(refused.value.field_errors) == {"comment_body"}
    saved = db.get(Comment, first)
    assert (saved.body, saved.edited_at) == ("First thoughts", None)


@pytest.mark.parametrize("kind", ["Loop", "", None, 1, ["ask"], {"ask": 1}, "private_note", "action_step", "user"])
def test_comments_on_an_unknown_kind_of_record_are_not_found(db, people, subjects, kind):
    for attempt in (
        lambda: threads.list_comments(db, people.owner, kind, subjects["loop"]),
        lambda: comments.add_comment(db, people.owner, kind, subjects["loop"], {"comment_body": "Hi"}),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert count(db, Comment) == (0,)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_comments_with_bad_ids_are_not_found(db, people, subjects, bad):
    first = say(db, people.manager, "ask", subjects["ask"])
    before = count(db, Comment, Notification, TimelineEvent)
    for attempt in (
        lambda: threads.list_comments(db, people.owner, "ask", bad),
        lambda: comments.add_comment(db, people.owner, "ask", bad, {"comment_body": "Hi"}),
        lambda: comments.edit_comment(db, people.manager, bad, {**opened(db, Comment, bad), "comment_body": "Hi"}),
        lambda: comments.delete_comment(db, people.manager, bad),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert count(db, Comment, Notification, TimelineEvent) == before
    assert db.get(Comment, first).body == "Nice work on this"


# --- who is told -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "mentor"])
def test_a_comment_tells_the_owner_and_the_owners_reply_tells_the_commenter(db, people, subjects, who):
    actor = getattr(people, who)
    first = say(db, actor, "ask", subjects["ask"], "How is it going?")
    assert notes_to(db, people.owner) == [("comment", f"{actor.display_name} commented on an ask")]
    assert notes_to(db, actor) == []
    say(db, people.owner, "ask", subjects["ask"], "Nearly there", first)
    assert notes_to(db, actor) == [("reply", "Ada Owner replied on an ask")]
    assert len(notes_to(db, people.owner)) == 1


def test_a_reply_between_manager_and_mentor_tells_the_owner_and_the_parent_author(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "Any blockers?")
    say(db, people.mentor, "ask", subjects["ask"], "Try a fallback tool", first)
    assert notes_to(db, people.manager) == [("reply", "Mia Mentor replied on an ask")]
    assert [k for k, _ in notes_to(db, people.owner)] == ["comment", "comment"]
    assert notes_to(db, people.mentor) == []


def test_replying_in_your_own_thread_tells_nobody_twice_and_never_yourself(db, people, subjects):
    first = say(db, people.manager, "ask", subjects["ask"], "One")
    say(db, people.manager, "ask", subjects["ask"], "And two", first)
    assert notes_to(db, people.manager) == []
    assert len(notes_to(db, people.owner)) == 2
    mine = say(db, people.owner, "loop", subjects["loop"], "Thinking aloud")
    say(db, people.owner, "loop", subjects["loop"], "More thoughts", mine)
    assert len(notes_to(db, people.owner)) == 2


def test_the_owners_answer_tells_everyone_whose_comment_it_answers(db, people, subjects):
    top = say(db, people.manager, "ask", subjects["ask"], "Any blockers?")
    middle = say(db, people.mentor, "ask", subjects["ask"], "And what helped?", top)
    say(db, people.owner, "ask", subjects["ask"], "A fallback tool", middle)
    assert ("reply", "Ada Owner replied on an ask") in notes_to(db, people.mentor)
    assert ("reply", "Ada Owner replied on an ask") in notes_to(db, people.manager)


def test_notifications_carry_no_words_of_the_comment(db, people, subjects):
    say(db, people.manager, "ask", subjects["ask"], "Confidential: the reorg lands in May")
    assert all("reorg" not in message for _, message in notes_to(db, people.owner))


def test_a_loop_page_counts_each_threads_comments_and_which_await_a_reply(db, people, loop, subjects):
    ask = subjects["ask"]
    first = say(db, people.manager, "ask", ask, "Any blockers?")
    say(db, people.owner, "ask", ask, "None now", first)
    say(db, people.mentor, "loop", loop.id, "Strong start.")
    gone = say(db, people.manager, "loop", loop.id, "Scratch that")
    comments.delete_comment(db, people.manager, gone)
    say(db, people.manager, "idea", subjects["idea"], "Could you say more?")
    db.flush()
    seen = threads.thread_counts(db, people.mentor, loop.id)
    assert seen.counts == {f"ask-{ask}": 2, f"loop-{loop.id}": 1, f"idea-{subjects['idea']}": 1}
    assert seen.waiting == [f"idea-{subjects['idea']}"]  # answered, and a note asking nothing, do not wait
    with pytest.raises(Forbidden):
        threads.thread_counts(db, people.stranger, loop.id)
