"""Asks and recommendations are one tracked-item mechanism: logging, editing and deleting
either leaves the same trail — a timeline entry, and word to the other side."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from magicloop.models import Notification, TimelineEvent
from magicloop.services import coe, delivery, notifications, tracking
from magicloop.services.errors import InvalidInput
from tests.support import opened

TODAY = dt.date(2026, 11, 22)
# kind → what the timeline says when it is logged, edited and deleted, and what the professional is told
TRAIL = {
    "ask": ("Ask logged: Run the pulse", "Ask edited: Run it twice", "Deleted an ask", "Max Manager logged an ask"),
    "recommendation": (
        "Recommendation: Run the pulse",
        "Recommendation edited: Run it twice",
        "Deleted a recommendation",
        "Max Manager recommended",
    ),
}


def summaries(db) -> list[str]:
    return list(db.exec(select(TimelineEvent.summary).order_by(TimelineEvent.id)).all())


@pytest.mark.parametrize("kind", TRAIL)
def test_either_kind_is_logged_edited_and_deleted_with_the_same_trail(db, people, loop, kind):
    logged, edited, deleted, told = TRAIL[kind]
    item_id = tracking.log_item(db, people.manager, kind, loop.id, {"what": "Run the pulse"}, TODAY)
    form = {"what": "Run it twice", **opened(db, tracking.KINDS[kind].model, item_id)}
    tracking.edit_item(db, people.manager, kind, item_id, form, TODAY)
    assert summaries(db) == [logged, edited]
    (news,) = db.exec(select(Notification).where(Notification.recipient_id == people.owner.id)).all()
    assert news.message == f"{told}: Run the pulse"
    assert f"item={kind}-{item_id}" in news.link

    tracking.delete_item(db, people.manager, kind, item_id)
    assert tracking.list_items(db, people.owner, kind, loop.id, TODAY) == []
    label = "An ask" if kind == "ask" else "A recommendation"
    assert summaries(db) == [f"{label} (since deleted)", f"{label} (since deleted)", deleted]


@pytest.mark.parametrize("kind", ["idea", "ManagerAsk", "", None, 7, ["ask"]])
def test_every_way_into_a_tracked_item_refuses_an_unknown_kind(db, people, loop, kind):
    calls = [
        lambda: tracking.list_items(db, people.owner, kind, loop.id, TODAY),
        lambda: tracking.log_item(db, people.owner, kind, loop.id, {"what": "Something"}, TODAY),
        lambda: tracking.edit_item(db, people.owner, kind, 1, {"what": "Something"}, TODAY),
        lambda: tracking.delete_item(db, people.owner, kind, 1),
        lambda: delivery.record_progress(db, people.owner, kind, 1, {"status": "done"}),
        lambda: delivery.progress_history(db, people.owner, kind, 1),
        lambda: coe.coe_review(db, people.owner, kind, 1),
    ]
    for call in calls:
        with pytest.raises(InvalidInput):
            call()
    assert summaries(db) == []


def test_a_write_reaches_the_timeline_and_only_when_asked_the_other_side(db, people, loop):
    notifications.happened(db, loop, people.owner, "progress", "Halfway there", ("ask", 3))
    notifications.happened(db, loop, people.owner, "delivery", "Delivered", ("ask", 3), tell="Ada delivered")
    events = db.exec(select(TimelineEvent).order_by(TimelineEvent.id)).all()
    assert [(e.kind, e.summary, e.subject_kind, e.subject_id, e.loop_id) for e in events] == [
        ("progress", "Halfway there", "ask", 3, loop.id),
        ("delivery", "Delivered", "ask", 3, loop.id),
    ]
    told = db.exec(select(Notification)).all()
    assert [(n.recipient_id, n.kind, n.message) for n in told] == [(people.manager.id, "delivery", "Ada delivered")]
    assert "item=ask-3" in told[0].link
