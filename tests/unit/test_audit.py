"""The security audit log: each security event is recorded with who, when and from where, never a
password or a token, and only the organisation's admins read it, filtered and a page at a time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlmodel import Session, select

from magicloop.models import AuditEvent, Invite, MentorGrant, ReportingLine, User
from magicloop.services import audit, audit_log, mentoring, organisation
from magicloop.services.accounts import change_password, sign_in, sign_out, sign_up
from magicloop.services.audit import AuditKind
from magicloop.services.errors import Forbidden, InvalidInput
from tests.conftest import PASSWORD
from tests.support import call, call_as

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = T0.date()
CLIENT = "203.0.113.9"
NEW_PASSWORD = "copper lantern meadow 77"


@pytest.fixture
def team(make):
    acme = make.organisation("Acme Support")
    other = make.organisation("Globex Care")
    return dict(
        admin=make.user(acme, "Ada Admin", admin=True, email="ada@acme.test"),
        alice=make.user(acme, "Alice Able", email="alice@acme.test"),
        bob=make.user(acme, "Bob Baker", email="bob@acme.test"),
        outsider_admin=make.user(other, "Oscar Other", admin=True, email="oscar@globex.test"),
    )


def from_client(engine, fn, *args, **kwargs):
    """One request from CLIENT, as the app makes it."""
    with audit.from_client(CLIENT):
        return call(engine, fn, *args, **kwargs)


def as_from_client(engine, user, fn, *args):
    with audit.from_client(CLIENT):
        return call_as(engine, user, fn, *args)


def events(engine) -> list[AuditEvent]:
    with Session(engine) as db:
        return list(db.exec(select(AuditEvent).order_by(AuditEvent.id)))


def summary(engine) -> list[tuple]:
    return [(e.kind, e.actor_id, e.subject_id, e.email, e.client) for e in events(engine)]


def test_a_sign_in_and_a_failed_one_are_recorded_against_the_account_with_the_client_address(engine, team):
    alice = team["alice"]
    from_client(engine, sign_in, {"email": alice.email, "password": PASSWORD})
    with pytest.raises(InvalidInput):
        from_client(engine, sign_in, {"email": alice.email, "password": "not the right password"})

    assert summary(engine) == [
        (AuditKind.SIGNED_IN, alice.id, None, "", CLIENT),
        (AuditKind.SIGN_IN_FAILED, None, alice.id, alice.email, CLIENT),
    ]
    assert {e.organisation_id for e in events(engine)} == {alice.organisation_id}


def test_a_failed_sign_in_for_an_unknown_email_belongs_to_no_organisation(engine, team):
    with pytest.raises(InvalidInput):
        from_client(engine, sign_in, {"email": "nobody@acme.test", "password": PASSWORD})

    [event] = events(engine)
    assert (event.kind, event.organisation_id, event.email) == (AuditKind.SIGN_IN_FAILED, None, "nobody@acme.test")


def test_the_sign_in_that_starts_a_wait_is_recorded_as_such(engine, team):
    alice = team["alice"]
    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            with pytest.raises(InvalidInput):
                from_client(engine, sign_in, {"email": alice.email, "password": "not the right password"})

    kinds = [e.kind for e in events(engine)]
    assert kinds == [AuditKind.SIGN_IN_FAILED] * 5 + [AuditKind.LOCKED_OUT]
    assert events(engine)[-1].detail == "per email"


def test_signing_up_signing_out_and_changing_the_password_are_recorded(engine, team):
    token = from_client(
        engine,
        sign_up,
        {
            "organisation": "Initech Help",
            "display_name": "Ivy Initech",
            "email": "ivy@initech.test",
            "time_zone": "UTC",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
        },
    )
    [signed_up] = events(engine)
    ivy = signed_up.actor_id
    with audit.from_client(CLIENT), Session(engine) as db:
        change_password(
            db,
            db.get(User, ivy),
            token,
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
        )
        db.commit()
    from_client(engine, sign_out, token)

    assert [(e.kind, e.actor_id) for e in events(engine)] == [
        (AuditKind.SIGNED_UP, ivy),
        (AuditKind.PASSWORD_CHANGED, ivy),
        (AuditKind.SIGNED_OUT, ivy),
    ]
    assert signed_up.detail == "created Initech Help"


def test_admin_work_is_recorded_with_the_admin_and_the_person_concerned(engine, team):
    admin, alice, bob = team["admin"], team["alice"], team["bob"]
    created = as_from_client(engine, admin, organisation.invite, {"email": "cleo@acme.test"})
    code = created.link.split("code=")[1]
    with audit.from_client(CLIENT):
        call(
            engine,
            organisation.accept_invite,
            code,
            {"display_name": "Cleo Cole", "time_zone": "UTC", "password": PASSWORD, "password_confirm": PASSWORD},
        )
    as_from_client(engine, admin, organisation.invite, {"email": "dan@acme.test"})
    with Session(engine) as db:
        dan_invite = max(i.id for i in db.exec(select(Invite)))
    as_from_client(engine, admin, organisation.revoke_invite, dan_invite)
    line = {"manager_id": str(alice.id), "report_id": str(bob.id), "starts_on": "2026-03-02"}
    as_from_client(engine, admin, organisation.set_reporting_line, line, TODAY)
    with Session(engine) as db:
        line_id = db.exec(select(ReportingLine.id)).one()
    as_from_client(engine, admin, organisation.end_reporting_line, line_id, TODAY + dt.timedelta(days=3))
    as_from_client(engine, admin, organisation.set_disabled, bob.id, True)
    as_from_client(engine, admin, organisation.set_disabled, bob.id, False)

    recorded = events(engine)
    assert [e.kind for e in recorded] == [
        AuditKind.INVITED,
        AuditKind.JOINED,
        AuditKind.INVITED,
        AuditKind.INVITE_REVOKED,
        AuditKind.LINE_SET,
        AuditKind.LINE_ENDED,
        AuditKind.DISABLED,
        AuditKind.ENABLED,
    ]
    assert [e.email for e in recorded[:4]] == ["cleo@acme.test", "", "dan@acme.test", "dan@acme.test"]
    assert recorded[4].detail == "reports to Alice Able from 2026-03-02"
    assert recorded[5].detail == "no longer reports to Alice Able from 2026-03-05"
    assert {(e.actor_id, e.subject_id) for e in recorded[4:]} == {(admin.id, bob.id)}
    assert {e.client for e in recorded} == {CLIENT}
    assert {e.organisation_id for e in recorded} == {admin.organisation_id}


def test_mentor_access_granted_and_revoked_is_recorded(engine, team):
    alice, bob = team["alice"], team["bob"]
    as_from_client(engine, alice, mentoring.grant_access, {"mentor_email": bob.email}, TODAY)
    with Session(engine) as db:
        grant_id = db.exec(select(MentorGrant.id)).one()
    as_from_client(engine, alice, mentoring.revoke_access, grant_id)

    assert [(e.kind, e.actor_id, e.subject_id, e.detail) for e in events(engine)] == [
        (AuditKind.MENTOR_GRANTED, alice.id, bob.id, "access with no end"),
        (AuditKind.MENTOR_REVOKED, alice.id, bob.id, ""),
    ]


def test_no_event_ever_holds_a_password_or_a_token(engine, team):
    token = from_client(engine, sign_in, {"email": team["alice"].email, "password": PASSWORD})
    with pytest.raises(InvalidInput):
        from_client(engine, sign_in, {"email": team["alice"].email, "password": NEW_PASSWORD})
    created = as_from_client(engine, team["admin"], organisation.invite, {"email": "cleo@acme.test"})
    from_client(engine, sign_out, token)

    secrets = (PASSWORD, NEW_PASSWORD, token, created.link.split("code=")[1])
    for event in events(engine):
        stored = " ".join(str(value) for value in event.model_dump().values())
        assert not any(secret in stored for secret in secrets), event


# --- the admin reads it ---------------------------------------------------------------------------------------


def seeded(engine, team, n: int = 3) -> None:
    """n sign-ins by Alice a day apart, and one by Bob."""
    for day in range(n):
        with time_machine.travel(T0 + dt.timedelta(days=day), tick=False):
            from_client(engine, sign_in, {"email": team["alice"].email, "password": PASSWORD})
    with time_machine.travel(T0 + dt.timedelta(days=n), tick=False):
        from_client(engine, sign_in, {"email": team["bob"].email, "password": PASSWORD})


def read(engine, user, filters=None, page=0, today=TODAY + dt.timedelta(days=10)):
    return call_as(engine, user, audit_log.audit_page, filters or {}, page, today)


def test_an_admin_reads_their_organisations_events_newest_first_with_names(engine, team):
    seeded(engine, team)
    from_client(engine, sign_in, {"email": team["outsider_admin"].email, "password": PASSWORD})

    log = read(engine, team["admin"])

    assert [(r.kind, r.actor) for r in log.rows] == [("Signed in", "Bob Baker")] + [("Signed in", "Alice Able")] * 3
    assert log.rows[0].when == "2026-03-05 09:00" and log.rows[0].client == CLIENT
    assert not log.has_more
    assert [m.name for m in log.people] == ["Ada Admin", "Alice Able", "Bob Baker"]


def test_the_log_is_filtered_by_kind_person_and_dates(engine, team):
    seeded(engine, team)
    with pytest.raises(InvalidInput):
        from_client(engine, sign_in, {"email": team["bob"].email, "password": NEW_PASSWORD})
    alice, bob = str(team["alice"].id), str(team["bob"].id)

    assert len(read(engine, team["admin"], {"kind": "sign-in failed"}).rows) == 1
    assert {r.actor for r in read(engine, team["admin"], {"person": alice}).rows} == {"Alice Able"}
    assert [r.kind for r in read(engine, team["admin"], {"person": bob}).rows] == ["Sign-in failed", "Signed in"]
    dated = read(engine, team["admin"], {"since": "2026-03-03", "until": "2026-03-04"})
    assert [r.when[:10] for r in dated.rows] == ["2026-03-04", "2026-03-03"]


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"kind": "deleted everything"}, "kind"),
        ({"person": "999999"}, "person"),
        ({"since": "the day before never"}, "since"),
        ({"since": "2026-03-04", "until": "2026-03-03"}, "until"),
    ],
)
def test_a_filter_that_makes_no_sense_is_refused_beside_its_field(engine, team, filters, field):
    with pytest.raises(InvalidInput) as refused:
        read(engine, team["admin"], filters)
    assert set(refused.value.field_errors) == {field}


def test_someone_of_another_organisation_is_no_filter_here(engine, team):
    with pytest.raises(InvalidInput):
        read(engine, team["admin"], {"person": str(team["outsider_admin"].id)})


def test_the_log_comes_a_page_at_a_time(engine, team, monkeypatch):
    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    seeded(engine, team)

    first, second, third = (read(engine, team["admin"], page=n) for n in range(3))

    assert (len(first.rows), first.has_more, len(second.rows), second.has_more) == (2, True, 2, False)
    assert third.rows == [] and first.rows[0].actor == "Bob Baker"


@pytest.mark.parametrize("who", ["alice", "outsider_admin"])
def test_only_the_organisations_admins_read_it(engine, team, who):
    seeded(engine, team, n=1)
    if who == "alice":
        with pytest.raises(Forbidden):
            read(engine, team["alice"])
    else:
        assert read(engine, team["outsider_admin"]).rows == []
