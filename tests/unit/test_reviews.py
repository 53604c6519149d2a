"""The quarterly review: the professional's summary and their manager's, each signed off by its side; once
both have signed it is read-only while comments stay open. The page holds what the manager prepares from."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlmodel import select

from magicloop.models import ManagerAsk, Notification, QuarterlyReview, TimelineEvent
from magicloop.services import comments, dashboard, review_page, reviews, team, threads
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.reviews import READ_ONLY
from magicloop.services.versions import Conflict, Shown
from tests.support import count

Q4 = "2026Q4"
LAST_FORTNIGHT = dt.datetime(2026, 12, 20, 12, tzinfo=dt.UTC)


def summary(db, people, who: str, text: str) -> None:
    """`who` saves their side's summary from a form opened on the review as it now stands."""
    opened = str(seen_by(db, people, who).my_version)
    reviews.save_summary(db, getattr(people, who), people.owner.id, Q4, {"summary": text, "version": opened})
    db.commit()


def sign(db, people, who: str) -> None:
    reviews.sign_off(db, getattr(people, who), people.owner.id, Q4)
    db.commit()


def seen_by(db, people, who: str) -> reviews.ReviewRecord:
    return reviews.review_record(db, getattr(people, who), people.owner.id, Q4)


# --- writing and signing -----------------------------------------------------------------------------------------


def test_both_sides_write_and_sign_then_it_is_read_only_but_open_to_comments(db, people, loop):
    summary(db, people, "owner", "Shipped the NPS read-out; the survey slipped.")
    summary(db, people, "manager", "Strong quarter; the read-out is now a habit.")
    sign(db, people, "owner")
    assert seen_by(db, people, "manager").owner_signed.startswith("Signed on ")
    sign(db, people, "manager")

    shown = seen_by(db, people, "owner")
    assert shown.complete and shown.signed_by_me and shown.my_side == "owner"
    assert shown.manager_signed.startswith("Signed by Max Manager on ") and shown.manager_summary_by == "Max Manager"
    for attempt in (
        lambda: summary(db, people, "owner", "Rewritten"),
        lambda: summary(db, people, "manager", "Rewritten"),
        lambda: sign(db, people, "manager"),
    ):
        with pytest.raises(Forbidden, match=READ_ONLY):
            attempt()
    db.rollback()
    review_id = seen_by(db, people, "owner").id
    comments.add_comment(db, people.manager, "review", review_id, {"comment_body": "Let's keep the read-out monthly?"})
    db.commit()
    thread = threads.list_comments(db, people.owner, "review", review_id)
    assert [(c.body, c.awaiting_reply) for c in thread] == [("Let's keep the read-out monthly?", True)]
    assert dashboard.feedback_counts(db, people.owner)[0] == 1  # it awaits the professional's reply like any
    assert {r.person.name: r.unanswered for r in team.team_overview(db, people.manager, dt.date.today())} == {
        "Ada Owner": 1
    }


def test_signing_needs_ones_own_summary_and_changing_a_summary_withdraws_the_sign_offs(db, people, loop):
    with pytest.raises(InvalidInput) as refused:
        sign(db, people, "owner")
    assert refused.value.field_errors == {"summary": "Write your summary before you sign off."}
    db.rollback()
    summary(db, people, "owner", "First go")
    summary(db, people, "manager", "Agreed")
    sign(db, people, "owner")
    sign(db, people, "manager")  # complete: nothing more to write
    assert seen_by(db, people, "owner").complete

    review = db.exec(select(QuarterlyReview)).one()
    review.manager_signed_at = None  # as if the manager had not signed yet
    db.add(review)
    db.commit()
    summary(db, people, "manager", "Agreed, with one more thought")
    shown = seen_by(db, people, "owner")
    assert (shown.owner_signed, shown.manager_signed, shown.complete) == ("", "", False)
    assert shown.manager_summary == "Agreed, with one more thought"


def test_signing_twice_changes_nothing(db, people, loop):
    summary(db, people, "owner", "Mine")
    sign(db, people, "owner")
    before = db.exec(select(QuarterlyReview.owner_signed_at)).one()
    sign(db, people, "owner")
    assert db.exec(select(QuarterlyReview.owner_signed_at)).one() == before


def test_a_summary_is_checked_like_any_text(db, people, loop):
    for bad, message in (("", "Your summary is required."), ("x" * 4001, "at most 4000")):
        with pytest.raises(InvalidInput) as refused:
            summary(db, people, "owner", bad)
        assert message in refused.value.field_errors["summary"]
        db.rollback()
    assert count(db, QuarterlyReview) == (0,)


def test_each_side_is_told_and_the_timeline_keeps_who_did_what(db, people, loop):
    summary(db, people, "owner", "Mine")
    sign(db, people, "owner")
    summary(db, people, "manager", "Theirs")
    told = db.exec(
        select(Notification.recipient_id, Notification.message, Notification.link).order_by(Notification.id)
    ).all()
    link = f"/review?person={people.owner.id}&quarter={Q4}"
    assert told == [
        (people.manager.id, "Quarterly review 2026 Q4: Ada Owner wrote their summary", link),
        (people.manager.id, "Quarterly review 2026 Q4: Ada Owner signed off", link),
        (
            people.owner.id,
            "Quarterly review 2026 Q4: Max Manager wrote the manager's summary (sign-offs withdrawn)",
            link,
        ),
    ]
    kinds = db.exec(
        select(TimelineEvent.kind, TimelineEvent.subject_kind).where(TimelineEvent.owner_id == people.owner.id)
    ).all()
    assert set(kinds) == {("review", "review")}


# --- who may do what ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["mentor"])
def test_a_mentor_reads_the_review_and_changes_nothing(db, people, loop, who):
    summary(db, people, "owner", "Mine")
    shown = seen_by(db, people, who)
    assert (shown.owner_summary, shown.my_side, shown.signed_by_me) == ("Mine", "", False)
    for attempt in (lambda: summary(db, people, who, "Not mine"), lambda: sign(db, people, who)):
        with pytest.raises(Forbidden):
            attempt()
        db.rollback()


@pytest.mark.parametrize("who", ["stranger", "former", "expired_mentor", "revoked_mentor", "admin", "outsider_admin"])
def test_everyone_else_is_refused_the_review(db, people, loop, who):
    summary(db, people, "owner", "Mine")
    for attempt in (
        lambda: seen_by(db, people, who),
        lambda: review_page.open_review(db, getattr(people, who), people.owner.id, Q4),
        lambda: summary(db, people, who, "Not mine"),
        lambda: sign(db, people, who),
    ):
        with pytest.raises(Forbidden):
            attempt()
        db.rollback()
    assert db.exec(select(QuarterlyReview.owner_summary)).all() == ["Mine"]


@pytest.mark.parametrize(
    ("quarter", "message"), [("2027Q1", "hasn't started"), ("2026Q7", "no such quarter"), (None, "")]
)
def test_a_quarter_yet_to_start_or_that_is_none_has_no_review(db, people, loop, quarter, message):
    with time_machine.travel(LAST_FORTNIGHT):
        if quarter is None:
            assert review_page.open_review(db, people.owner, None, None).quarter == Q4
            return
        with pytest.raises(NotFound, match=message):
            review_page.open_review(db, people.owner, people.owner.id, quarter)
        with pytest.raises(NotFound, match=message):
            summary_in(db, people, quarter)


def summary_in(db, people, quarter: str) -> None:
    reviews.save_summary(db, people.owner, people.owner.id, quarter, {"summary": "Too soon", "version": "0"})


# --- the page a manager prepares from ----------------------------------------------------------------------------


def test_the_review_page_holds_the_quarter_its_index_and_loops(db, people, loop):
    db.add(
        ManagerAsk(
            loop_id=loop.id,
            logged_by_id=people.manager.id,
            what="Own the CSAT read-out",
            asked_on=dt.date(2026, 10, 2),
            due_on=dt.date(2026, 11, 1),
            status="done",
            completed_at=dt.datetime(2026, 10, 30, tzinfo=dt.UTC),
            created_at=dt.datetime(2026, 10, 2, tzinfo=dt.UTC),
        )
    )
    loop.started_at = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    db.add(loop)
    db.commit()
    with time_machine.travel(LAST_FORTNIGHT):
        page = review_page.open_review(db, people.manager, people.owner.id, Q4)
    assert (page.label, page.previous, page.next, page.running, page.ends) == (
        "2026 Q4",
        "2026Q3",
        "",
        True,
        "31 Dec 2026",
    )
    assert (page.pictures.index[-1].percent, [i.what for i in page.pictures.index[-1].committed]) == (
        100,
        ["Own the CSAT read-out"],
    )
    assert [q.key for q in page.pictures.index][-1] == Q4 and len(page.pictures.index) == 8
    assert (page.pictures.closure.given, page.pictures.closure.closed, page.pictures.closure.median_days) == (
        1,
        1,
        28.0,
    )
    assert [(length.number, length.delivered) for length in page.pictures.loops] == [(1, ["Own the CSAT read-out"])]
    assert page.review.my_side == "manager" and page.review.id == 0
    earlier = review_page.open_review(db, people.manager, people.owner.id, "2026Q2")
    assert (earlier.next, earlier.running, earlier.pictures.loops, earlier.pictures.index[-1].committed) == (
        "2026Q3",
        False,
        [],
        [],
    )


# --- the dashboard reminds both sides in the quarter's last two weeks ---------------------------------------------


def needs(db, people, today: dt.date) -> list[str]:
    return [n.text for n in dashboard.home(db, people.manager, today).needs if n.kind == "review"]


def test_both_sides_are_reminded_in_the_last_two_weeks_until_each_has_signed(db, people, loop):
    with time_machine.travel(LAST_FORTNIGHT):
        early = dt.date(2026, 12, 17)
        assert dashboard.home(db, people.owner, early).review_reminder == "" and needs(db, people, early) == []
        today = LAST_FORTNIGHT.date()
        home = dashboard.home(db, people.owner, today)
        assert home.review_reminder.startswith("Your 2026 Q4 review is due by 31 Dec")
        assert home.review_link == f"/review?person={people.owner.id}&quarter={Q4}"
        assert needs(db, people, today) == ["Sign off Ada's 2026 Q4 review by 31 Dec"]
        assert [r.review_due for r in team.team_overview(db, people.manager, today)] == [True]

        summary(db, people, "manager", "Theirs")
        summary(db, people, "owner", "Mine")
        sign(db, people, "owner")
        assert dashboard.home(db, people.owner, today).review_reminder == ""
        assert needs(db, people, today) == ["Sign off Ada's 2026 Q4 review by 31 Dec"]
        sign(db, people, "manager")
        assert needs(db, people, today) == []


# --- edits never silently lost ----------------------------------------------------------------------------------


def test_a_summary_saved_from_an_older_form_is_refused_with_the_summary_as_it_now_reads(db, people, loop):
    opened = str(seen_by(db, people, "owner").my_version)
    summary(db, people, "owner", "Shipped the NPS read-out.")  # from another tab

    with pytest.raises(Conflict) as refused:
        reviews.save_summary(db, people.owner, people.owner.id, Q4, {"summary": "Quiet quarter.", "version": opened})
    db.rollback()

    assert refused.value.changed.fields == [Shown("Summary", "Shipped the NPS read-out.")]
    assert seen_by(db, people, "owner").owner_summary == "Shipped the NPS read-out."
    again = {"summary": "Quiet quarter.", "version": str(refused.value.changed.version)}
    reviews.save_summary(db, people.owner, people.owner.id, Q4, again)  # saved again knowingly
    assert seen_by(db, people, "owner").owner_summary == "Quiet quarter."


def test_the_other_side_writing_or_signing_does_not_make_a_summary_form_stale(db, people, loop):
    opened = str(seen_by(db, people, "manager").my_version)
    summary(db, people, "owner", "Shipped the NPS read-out.")
    sign(db, people, "owner")

    reviews.save_summary(db, people.manager, people.owner.id, Q4, {"summary": "A strong quarter.", "version": opened})
    assert seen_by(db, people, "manager").manager_summary == "A strong quarter."


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "7", 2.5, True])
def test_a_summary_without_the_version_its_form_opened_at_is_refused_and_changes_nothing(db, people, loop, version):
    data = {"summary": "Sneaked in"} | ({} if version is None else {"version": version})
    with pytest.raises(Conflict):
        reviews.save_summary(db, people.owner, people.owner.id, Q4, data)
    db.rollback()
    assert seen_by(db, people, "owner").owner_summary == ""
