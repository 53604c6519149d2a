"""Mentor access: a professional grants a colleague read access by email, optionally
until a date, sees and revokes their grants; the mentor is told, and their mentee
list shows only the people who grant them access right now."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlmodel import select

from magicloop.models import MentorGrant, Notification, Stage, TimelineEvent, utcnow
from magicloop.services import loop_view, mentoring
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.policy import Relation, relations_to
from tests.clock import NOON
from tests.support import BAD_IDS, count

pytestmark = pytest.mark.usefixtures("at_noon")
NOW = NOON
TODAY = NOW.date()  # grants are checked against the real clock, so dates follow it


@pytest.fixture
def people(make):
    org, elsewhere = make.organisation(), make.organisation("Elsewhere Ltd")
    return SimpleNamespace(
        owner=make.user(org, "Ada Owner", email="ada@acme.test"),
        mentor=make.user(org, "Mia Mentor", email="mia@acme.test"),
        other=make.user(org, "Omar Other", email="omar@acme.test"),
        outsider=make.user(elsewhere, "Olu Outsider", email="olu@elsewhere.test"),
    )


def grant(db, owner, email="mia@acme.test", **data):
    mentoring.grant_access(db, owner, {"mentor_email": email, **data}, TODAY)
    db.flush()


def inbox_of(db, user) -> list[str]:
    return list(
        db.exec(
            select(Notification.message).where(Notification.recipient_id == user.id).order_by(Notification.id)
        ).all()
    )


# --- granting --------------------------------------------------------------------------------------------------


def test_granting_by_email_gives_the_colleague_read_access_and_tells_them(db, people):
    grant(db, people.owner, "  MIA@Acme.test ")
    [row] = mentoring.list_grants(db, people.owner)
    assert (row.mentor_name, row.mentor_email, row.since, row.expires, row.status) == (
        "Mia Mentor",
        "mia@acme.test",
        TODAY.isoformat(),
        "",
        "active",
    )
    assert relations_to(db, people.mentor, people.owner, utcnow()) == {Relation.MENTOR}
    assert inbox_of(db, people.mentor) == ["Ada Owner gave you mentor access to their progress"]
    assert inbox_of(db, people.owner) == []


@pytest.mark.parametrize(
    "email, message",
    [
        ("nobody@acme.test", "No active colleague in your organisation has that email."),
        ("olu@elsewhere.test", "No active colleague in your organisation has that email."),
        ("ada@acme.test", "You can't be your own mentor."),
    ],
)
def test_unknown_foreign_or_own_email_is_refused_next_to_the_field(db, people, email, message):
    with pytest.raises(InvalidInput) as refused:
        grant(db, people.owner, email)
    assert refused.value.field_errors == {"mentor_email": message}
    assert count(db, MentorGrant, Notification) == (0, 0)


def test_a_disabled_colleague_cannot_be_granted_access(db, people):
    people.mentor.disabled_at = NOW
    db.add(people.mentor)
    with pytest.raises(InvalidInput) as refused:
        grant(db, people.owner)
    assert set(refused.value.field_errors) == {"mentor_email"}
    assert count(db, MentorGrant, Notification) == (0, 0)


@pytest.mark.parametrize(
    "data, field",
    [
        ({"mentor_email": ""}, "mentor_email"),
        ({"mentor_email": None}, "mentor_email"),
        ({"mentor_email": 42}, "mentor_email"),
        ({"mentor_email": ["mia@acme.test"]}, "mentor_email"),
        ({"mentor_email": {"email": "mia@acme.test"}}, "mentor_email"),
        ({"mentor_email": "mia at acme"}, "mentor_email"),
        ({"mentor_email": "m" * 250 + "@acme.test"}, "mentor_email"),
        ({"mentor_email": "mia@acme.test", "expires_on": "yesterday"}, "expires_on"),
        ({"mentor_email": "mia@acme.test", "expires_on": "2020-01-01"}, "expires_on"),
        ({"mentor_email": "mia@acme.test", "expires_on": "whenever"}, "expires_on"),
        ({"mentor_email": "mia@acme.test", "expires_on": 20271231}, "expires_on"),
        ({"mentor_email": "mia@acme.test", "expires_on": ["2027-12-31"]}, "expires_on"),
        ({"mentor_email": "mia@acme.test", "expires_on": "x" * 500}, "expires_on"),
    ],
)
def test_bad_grant_forms_are_refused_by_field_and_change_nothing(db, people, data, field):
    with pytest.raises(InvalidInput) as refused:
        mentoring.grant_access(db, people.owner, data, TODAY)
    assert field in refused.value.field_errors
    assert count(db, MentorGrant, Notification) == (0, 0)


@pytest.mark.parametrize("data", [None, [], "mia@acme.test", 7])
def test_a_grant_from_a_non_form_asks_for_the_email(db, people, data):
    with pytest.raises(InvalidInput) as refused:
        mentoring.grant_access(db, people.owner, data, TODAY)
    assert "mentor_email" in refused.value.field_errors
    assert count(db, MentorGrant) == (0,)


def test_a_disabled_professional_cannot_grant_access(db, people):
    people.owner.disabled_at = NOW
    with pytest.raises(Forbidden):
        grant(db, people.owner)
    assert count(db, MentorGrant) == (0,)


def test_access_until_a_date_lasts_to_the_end_of_that_day_in_the_owners_time_zone(db, people):
    people.owner.time_zone = "America/New_York"
    until = TODAY + dt.timedelta(days=10)
    grant(db, people.owner, expires_on=until.isoformat())
    [row] = mentoring.list_grants(db, people.owner)
    assert (row.expires, row.status) == (until.isoformat(), "active")
    end = db.exec(select(MentorGrant.expires_at)).one()
    assert end.astimezone(dt.UTC).hour in (4, 5)  # midnight in New York, summer or winter time
    assert relations_to(db, people.mentor, people.owner, end - dt.timedelta(seconds=1)) == {Relation.MENTOR}
    assert relations_to(db, people.mentor, people.owner, end) == set()
    assert inbox_of(db, people.mentor) == [f"Ada Owner gave you mentor access to their progress until {until}"]


def test_access_until_today_is_allowed(db, people):
    grant(db, people.owner, expires_on="today")
    assert mentoring.list_grants(db, people.owner)[0].expires == TODAY.isoformat()


def test_renewing_a_grant_replaces_the_active_one(db, people):
    grant(db, people.owner, expires_on="tomorrow")
    grant(db, people.owner, expires_on="in 3 weeks")
    rows = mentoring.list_grants(db, people.owner)
    assert [(r.status, r.expires) for r in rows] == [
        ("active", (TODAY + dt.timedelta(weeks=3)).isoformat()),
        ("revoked", (TODAY + dt.timedelta(days=1)).isoformat()),
    ]
    assert [m.person.id for m in mentoring.list_mentees(db, people.mentor)] == [people.owner.id]


def test_list_grants_shows_active_expired_and_revoked_grants_newest_first(make, db, people):
    make.mentor_grant(people.owner, people.other, revoked=True)
    make.mentor_grant(people.owner, people.mentor, expires_at=NOW - dt.timedelta(hours=1))
    grant(db, people.owner)
    rows = mentoring.list_grants(db, people.owner)
    assert [(r.mentor_name, r.status) for r in rows] == [
        ("Mia Mentor", "active"),
        ("Mia Mentor", "expired"),
        ("Omar Other", "revoked"),
    ]
    assert mentoring.list_grants(db, people.mentor) == []


# --- revoking --------------------------------------------------------------------------------------------------


def test_revoking_ends_access_at_once_and_tells_the_mentor(make, db, people):
    loop = make.loop(people.owner)
    grant(db, people.owner)
    loop_view.view_loop(db, people.mentor, loop.id, TODAY)
    [row] = mentoring.list_grants(db, people.owner)
    mentoring.revoke_access(db, people.owner, row.id)
    assert mentoring.list_grants(db, people.owner)[0].status == "revoked"
    with pytest.raises(Forbidden):
        loop_view.view_loop(db, people.mentor, loop.id, TODAY)
    assert mentoring.list_mentees(db, people.mentor) == []
    assert inbox_of(db, people.mentor)[-1] == "Ada Owner ended your mentor access"
    mentoring.revoke_access(db, people.owner, row.id)  # a second click changes nothing
    assert len(inbox_of(db, people.mentor)) == 2


@pytest.mark.parametrize("who", ["mentor", "other", "outsider"])
def test_only_the_professional_revokes_their_grants(make, db, people, who):
    granted = make.mentor_grant(people.owner, people.mentor)
    with pytest.raises(NotFound):
        mentoring.revoke_access(db, getattr(people, who), granted.id)
    assert db.get(MentorGrant, granted.id).revoked_at is None and count(db, Notification) == (0,)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_revoking_with_a_bad_id_is_not_found(make, db, people, bad):
    granted = make.mentor_grant(people.owner, people.mentor)
    with pytest.raises(NotFound):
        mentoring.revoke_access(db, people.owner, bad)
    assert db.get(MentorGrant, granted.id).revoked_at is None and count(db, Notification) == (0,)


# --- the mentor's home -----------------------------------------------------------------------------------------


def test_mentees_list_shows_current_loop_stage_and_last_activity(make, db, people):
    loop = make.loop(people.owner, goal="Run the NPS programme")
    loop.stage = Stage.IMPLEMENT
    db.add(loop)
    db.add(
        TimelineEvent(
            owner_id=people.owner.id,
            loop_id=loop.id,
            kind="ask",
            summary="Ask logged",
            created_at=dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC),
        )
    )
    make.mentor_grant(people.owner, people.mentor)
    make.mentor_grant(people.other, people.mentor)
    people.mentor.time_zone = "Europe/Berlin"
    rows = mentoring.list_mentees(db, people.mentor)
    assert [
        (r.person.name, r.person.loop_number, r.person.goal, r.person.stage_title, r.person.last_activity) for r in rows
    ] == [
        ("Ada Owner", 1, "Run the NPS programme", "Implement", "05 Mar 2026"),
        ("Omar Other", 0, "", "No loop yet", "none yet"),
    ]


@pytest.mark.parametrize("state", ["expired", "revoked", "owner disabled", "someone else's mentor"])
def test_mentees_list_leaves_out_anyone_not_granting_access_now(make, db, people, state):
    if state == "expired":
        make.mentor_grant(people.owner, people.mentor, expires_at=utcnow() - dt.timedelta(seconds=1))
    elif state == "revoked":
        make.mentor_grant(people.owner, people.mentor, revoked=True)
    elif state == "owner disabled":
        make.mentor_grant(people.owner, people.mentor)
        people.owner.disabled_at = NOW
        db.add(people.owner)
    else:
        make.mentor_grant(people.owner, people.other)
    assert mentoring.list_mentees(db, people.mentor) == []


def test_an_expired_grant_ends_access_without_anyone_acting(make, db, people):
    loop = make.loop(people.owner)
    granted = make.mentor_grant(people.owner, people.mentor, expires_at=utcnow() + dt.timedelta(hours=1))
    loop_view.view_loop(db, people.mentor, loop.id, TODAY)
    granted.expires_at = utcnow() - dt.timedelta(seconds=1)  # the hour has passed
    db.add(granted)
    db.flush()
    assert mentoring.list_mentees(db, people.mentor) == []
    assert mentoring.list_grants(db, people.owner)[0].status == "expired"
    with pytest.raises(Forbidden):
        loop_view.view_loop(db, people.mentor, loop.id, TODAY)


def test_a_mentors_list_says_what_changed_since_their_last_visit(make, db, people, loop):
    make.mentor_grant(people.owner, people.mentor)
    for summary in ("Ask logged: Run the CES pilot", "Delivered: Run the CES pilot"):
        db.add(
            TimelineEvent(
                owner_id=people.owner.id, actor_id=people.owner.id, loop_id=loop.id, kind="ask", summary=summary
            )
        )
    db.add(
        TimelineEvent(
            owner_id=people.owner.id,
            actor_id=people.mentor.id,
            loop_id=loop.id,
            kind="comment",
            summary="Mia commented",
        )
    )
    db.commit()
    (row,) = mentoring.list_mentees(db, people.mentor)
    assert (row.news, row.latest[0]) == (2, "Delivered: Run the CES pilot")  # their own note is no news to them

    mentoring.record_visit(db, people.mentor, people.owner.id)
    db.commit()
    assert mentoring.list_mentees(db, people.mentor)[0].news == 0
