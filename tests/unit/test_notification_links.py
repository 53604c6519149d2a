"""Every notification leads to what it announces: a page that exists, the stage that holds
the item, the item's card, or the thread that was commented on."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from magicloop import routes
from magicloop.models import ActionStep, Idea, ManagerAsk, Notification, RaterKind, Recommendation, User
from magicloop.services import (
    asks,
    comments,
    delivery,
    framework,
    growth,
    mentoring,
    notifications,
    ratings,
    threads,
    tracking,
)
from magicloop.services.comments import SUBJECTS
from magicloop.services.notifications import CARDS, DELIVERY_STAGES, ITEM_STAGES
from tests.clock import NOON
from tests.support import opened, ratings_opened

pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.date()
PAGES = {value for name, value in vars(routes).items() if name.isupper()}
MODELS = {**SUBJECTS, "action_step": ActionStep}


def a_whole_loop(db, people, loop) -> None:
    """Everything that tells someone something, once."""
    m, o = people.manager, people.owner
    o.advanced_mode = True
    ask = tracking.log_item(db, m, "ask", loop.id, {"what": "Own the CSAT read-out", "due_on": "today"}, TODAY)
    delivery.record_progress(
        db, o, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "done", "percent": "100", "outcome": "Shipped"}
    )
    delivery.acknowledge_ask(db, m, ask)
    idea = asks.suggest_idea(db, o, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)
    asks.decide_idea(
        db, m, idea, {**opened(db, Idea, idea), "decision": "decline", "decline_reason": "Next quarter"}, TODAY
    )
    growth.record_conversation(db, m, loop.id, {"goal_restated": "Lead VoC", "gaps": "Business cases"}, TODAY)
    rec = tracking.log_item(db, m, "recommendation", loop.id, {"what": "Draft the churn case"}, TODAY)
    growth.reply_to_recommendation(
        db, o, rec, {**opened(db, Recommendation, rec), "closing_reply": "Drafted; finance approved"}
    )
    first = comments.add_comment(db, m, "ask", ask, {"comment_body": "Nice work"})
    comments.add_comment(db, o, "ask", ask, {"comment_body": "Thanks!"}, first)
    comments.add_comment(db, people.mentor, "loop", loop.id, {"comment_body": "How is it going?"})
    competency = framework.current_competencies(db, o.organisation_id)[0]
    rated = ratings_opened(db, loop.id, "manager", {f"score-{competency.id}": "4"})
    ratings.save_ratings(db, m, loop.id, rated, RaterKind.MANAGER)
    tracking.log_item(db, m, "ask", loop.id, {"what": "Tidy the survey taxonomy", "due_on": "today"}, TODAY)
    notifications.remind_due(db, o, TODAY)
    mentoring.grant_access(db, o, {"mentor_email": people.stranger.email}, TODAY)
    db.flush()


def test_every_notification_leads_to_the_item_it_announces(db, people, loop):
    a_whole_loop(db, people, loop)
    sent = db.exec(select(Notification)).all()
    kinds = {n.kind for n in sent}
    assert kinds >= {
        "ask",
        "delivery",
        "idea",
        "feedback",
        "recommendation",
        "reply",
        "comment",
        "rating",
        "due",
        "grant",
    }
    for note in sent:
        url = urlsplit(note.link)
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        assert url.path in PAGES, note.link
        if url.path == routes.PROGRESS:
            assert query == {"person": str(people.owner.id)}, note.link
            continue
        assert url.path == routes.LOOP and query["id"] == str(loop.id), note.link
        if item := query.get("item"):
            card, item_id = re.fullmatch(r"([a-z_]+)-(\d+)", item).groups()
            kind = next(kind for kind, anchor in CARDS.items() if anchor == card)
            assert MODELS[kind] and db.get(MODELS[kind], int(item_id)).loop_id == loop.id, note.link
            shown_in = {ITEM_STAGES[kind], DELIVERY_STAGES.get(kind)}
            assert int(query["stage"]) in shown_in, note.link
        if thread := query.get("thread"):
            kind, subject_id = thread.rsplit("-", 1)
            recipient = db.get(User, note.recipient_id)
            assert threads.list_comments(db, recipient, kind, int(subject_id)), note.link


def test_opening_a_notification_marks_it_read_and_leads_only_to_its_own_link(db, people, loop):
    a_whole_loop(db, people, loop)
    mine = db.exec(select(Notification).where(Notification.recipient_id == people.owner.id)).first()
    theirs = db.exec(select(Notification).where(Notification.recipient_id == people.manager.id)).first()
    assert notifications.open_notification(db, people.owner, mine.id) == mine.link
    assert notifications.open_notification(db, people.owner, theirs.id) == ""  # someone else's: nothing
    db.flush()
    db.refresh(mine), db.refresh(theirs)
    assert (mine.read_at is not None, theirs.read_at is None) == (True, True)
