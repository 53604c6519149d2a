"""Admin work: people, invites, reporting lines and disabling accounts."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import Session, select

from magicloop.models import AuthSession, Invite, ReportingLine, User
from magicloop.services.accounts import resolve_session, sign_in
from magicloop.services.errors import Forbidden, InvalidInput, NotFound, ServiceError, SignedOut
from magicloop.services.organisation import (
    accept_invite,
    end_reporting_line,
    invite,
    invite_details,
    list_invites,
    revoke_invite,
    set_disabled,
    set_reporting_line,
)
from magicloop.services.roster import roster
from tests.conftest import PASSWORD
from tests.support import call, call_as, counts, fresh

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)
JOIN = {
    "display_name": "Katherine Johnson",
    "time_zone": "America/Chicago",
    "password": "orbit chalkboard 1962 slate",
    "password_confirm": "orbit chalkboard 1962 slate",
}
USED_UP = "This invite link has expired or was already used. Ask your admin for a new one."


def lines(engine) -> list[tuple[int, int, dt.date, dt.date | None]]:
    with Session(engine) as db:
        rows = db.exec(select(ReportingLine).order_by(ReportingLine.starts_on, ReportingLine.id)).all()
        return [(r.manager_id, r.report_id, r.starts_on, r.ends_on) for r in rows]


def list_people(db, actor, today):
    return roster(db, actor, today).people


def list_reporting_lines(db, actor, today):
    return roster(db, actor, today).lines


def code_of(link: str) -> str:
    return parse_qs(urlparse(link).query)["code"][0]


def managers_on(engine, admin: User, person: User, day: dt.date) -> str:
    rows = call_as(engine, admin, list_people, day)
    return next(row.managers for row in rows if row.id == person.id)


def sign_in_as(engine, user: User) -> str:
    return call(engine, sign_in, {"email": user.email, "password": PASSWORD})


@pytest.fixture
def team(make):
    """An organisation with its admin and three people, and a second organisation with its own admin."""
    acme = make.organisation("Acme Support")
    admin = make.user(acme, "Ada Admin", admin=True)
    alice, bob, cara = make.user(acme, "Alice Able"), make.user(acme, "Bob Baker"), make.user(acme, "Cara Cole")
    other = make.organisation("Globex Care")
    outsider_admin = make.user(other, "Oscar Other", admin=True)
    outsider = make.user(other, "Olga Other")
    return dict(admin=admin, alice=alice, bob=bob, cara=cara, outsider_admin=outsider_admin, outsider=outsider)


# --- only admins ------------------------------------------------------------------------------

ADMIN_ACTIONS = {
    "see people and reporting lines": lambda t: (roster, TODAY),
    "invite": lambda t: (invite, {"email": "new@acme.test"}),
    "see invites": lambda t: (list_invites,),
    "revoke an invite": lambda t: (revoke_invite, 1),
    "set a reporting line": lambda t: (
        set_reporting_line,
        {"manager_id": str(t["alice"].id), "report_id": str(t["bob"].id), "starts_on": "2026-03-02"},
        TODAY,
    ),
    "end a reporting line": lambda t: (end_reporting_line, 1, TODAY),
    "disable someone": lambda t: (set_disabled, t["cara"].id, True),
}


@pytest.mark.parametrize("action", ADMIN_ACTIONS)
def test_someone_who_is_not_an_admin_is_forbidden(engine, team, action):
    fn, *args = ADMIN_ACTIONS[action](team)
    before = counts(engine, Invite, ReportingLine)

    with pytest.raises(Forbidden):
        call_as(engine, team["alice"], fn, *args)

    assert counts(engine, Invite, ReportingLine) == before
    assert fresh(engine, User, team["cara"].id).disabled_at is None


@pytest.mark.parametrize("action", ADMIN_ACTIONS)
def test_a_disabled_admin_is_forbidden(engine, team, action):
    with Session(engine) as db:
        admin = db.get(User, team["admin"].id)
        admin.disabled_at = T0
        db.add(admin)
        db.commit()
    fn, *args = ADMIN_ACTIONS[action](team)

    with pytest.raises(Forbidden):
        call_as(engine, team["admin"], fn, *args)


def test_an_admin_sees_only_their_own_organisations_people(engine, team):
    names = {row.display_name for row in call_as(engine, team["outsider_admin"], list_people, TODAY)}

    assert names == {"Oscar Other", "Olga Other"}


def test_an_admin_of_another_organisation_cannot_disable_someone_outside_it(engine, team):
    with pytest.raises(ServiceError):
        call_as(engine, team["outsider_admin"], set_disabled, team["alice"].id, True)

    assert fresh(engine, User, team["alice"].id).disabled_at is None


def test_an_admin_of_another_organisation_cannot_end_or_see_its_reporting_lines(engine, make, team):
    line = make.reporting_line(team["alice"], team["bob"], dt.date(2026, 1, 1))

    with pytest.raises(ServiceError):
        call_as(engine, team["outsider_admin"], end_reporting_line, line.id, TODAY)

    assert call_as(engine, team["outsider_admin"], list_reporting_lines, TODAY) == []
    assert fresh(engine, ReportingLine, line.id).ends_on is None


def test_an_admin_of_another_organisation_cannot_see_or_revoke_its_invites(engine, team):
    call_as(engine, team["admin"], invite, {"email": "dan@acme.test"}, now=T0)
    with Session(engine) as db:
        invite_id = db.exec(select(Invite.id)).one()

    with pytest.raises(ServiceError):
        call_as(engine, team["outsider_admin"], revoke_invite, invite_id, now=T0)

    assert call_as(engine, team["outsider_admin"], list_invites, now=T0) == []
    assert [row.status for row in call_as(engine, team["admin"], list_invites, now=T0)] == ["pending"]


def test_an_admin_sees_everyone_in_the_organisation_with_their_managers(engine, make, team):
    make.reporting_line(team["alice"], team["bob"], dt.date(2026, 1, 1))

    rows = {row.display_name: row for row in call_as(engine, team["admin"], list_people, TODAY)}

    assert set(rows) == {"Ada Admin", "Alice Able", "Bob Baker", "Cara Cole"}
    assert rows["Bob Baker"].managers == "Alice Able"
    assert rows["Ada Admin"].is_admin and not rows["Alice Able"].is_admin


# --- invites ----------------------------------------------------------------------------------


def test_an_invite_link_lets_the_invitee_join_once_as_a_non_admin(engine, team):
    created = call_as(engine, team["admin"], invite, {"email": "  Kath@Acme.Test "}, now=T0)
    code = code_of(created.link)
    assert created.email == "kath@acme.test"
    details = call(engine, invite_details, code, now=T0)
    assert (details.email, details.organisation_name) == ("kath@acme.test", "Acme Support")

    token = call(engine, accept_invite, code, JOIN, now=T0 + dt.timedelta(days=1))

    user = call(engine, resolve_session, token, now=T0 + dt.timedelta(days=1))
    assert (user.email, user.display_name, user.time_zone) == ("kath@acme.test", "Katherine Johnson", "America/Chicago")
    assert user.organisation_id == team["admin"].organisation_id and not user.is_admin
    with pytest.raises(NotFound) as refusal:
        call(engine, accept_invite, code, {**JOIN, "display_name": "Someone Else"}, now=T0 + dt.timedelta(days=1))
    assert refusal.value.message == USED_UP
    assert [row.status for row in call_as(engine, team["admin"], list_invites, now=T0)] == ["accepted"]


def test_the_invitee_can_sign_in_with_the_password_they_chose(engine, team):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}).link)
    call(engine, accept_invite, code, JOIN)

    token = call(engine, sign_in, {"email": "kath@acme.test", "password": JOIN["password"]})

    assert call(engine, resolve_session, token).email == "kath@acme.test"


def test_an_invite_works_for_seven_days(engine, team):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}, now=T0).link)

    with pytest.raises(NotFound) as refusal:
        call(engine, accept_invite, code, JOIN, now=T0 + dt.timedelta(days=7))

    assert refusal.value.message == USED_UP
    assert counts(engine, User)["User"] == 6
    assert [row.status for row in call_as(engine, team["admin"], list_invites, now=T0 + dt.timedelta(days=7))] == [
        "expired"
    ]
    call(engine, accept_invite, code, JOIN, now=T0 + dt.timedelta(days=7) - dt.timedelta(seconds=1))


def test_a_revoked_invite_cannot_be_used(engine, team):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}, now=T0).link)
    call_as(engine, team["admin"], revoke_invite, call_as(engine, team["admin"], list_invites, now=T0)[0].id, now=T0)

    with pytest.raises(NotFound) as refusal:
        call(engine, accept_invite, code, JOIN, now=T0)

    assert refusal.value.message == USED_UP
    with pytest.raises(NotFound):
        call(engine, invite_details, code, now=T0)


def test_inviting_someone_who_already_has_an_account_is_refused(engine, team):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], invite, {"email": team["bob"].email.upper()})

    assert "already has an account" in refusal.value.field_errors["email"]
    assert counts(engine, Invite) == {"Invite": 0}


def test_inviting_someone_from_another_organisation_is_refused(engine, team):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], invite, {"email": team["outsider"].email})

    assert refusal.value.field_errors["email"]


def test_inviting_the_same_email_again_revokes_the_older_link(engine, team):
    first = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}, now=T0).link)
    second = code_of(
        call_as(engine, team["admin"], invite, {"email": "KATH@acme.test"}, now=T0 + dt.timedelta(hours=1)).link
    )

    assert first != second
    with pytest.raises(NotFound):
        call(engine, accept_invite, first, JOIN, now=T0 + dt.timedelta(hours=2))
    assert [row.status for row in call_as(engine, team["admin"], list_invites, now=T0 + dt.timedelta(hours=2))] == [
        "pending",
        "revoked",
    ]
    call(engine, accept_invite, second, JOIN, now=T0 + dt.timedelta(hours=2))


def test_an_invite_for_an_email_that_signed_up_meanwhile_is_refused(engine, make, team):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}).link)
    make.user(make.organisation("Initech"), "Kath Elsewhere", email="kath@acme.test")

    with pytest.raises(NotFound) as refusal:
        call(engine, accept_invite, code, JOIN)

    assert refusal.value.message == "An account with this email already exists. Sign in instead."
    assert counts(engine, User)["User"] == 7


def test_the_database_keeps_only_a_digest_of_invite_codes(engine, team):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}).link)

    with Session(engine) as db:
        stored = db.exec(select(Invite)).one()
    assert code not in stored.token_hash and len(code) >= 43


@pytest.mark.parametrize("code", [None, "", 5, ["code"], {"code": "x"}, "x" * 101, "made-up-code", "\ud800"])
def test_a_missing_or_made_up_invite_code_is_refused_with_a_clear_message(engine, team, code):
    call_as(engine, team["admin"], invite, {"email": "kath@acme.test"})

    with pytest.raises(NotFound) as refusal:
        call(engine, accept_invite, code, JOIN)

    assert "Ask your admin for a new one" in refusal.value.message
    assert counts(engine, User, AuthSession) == {"User": 6, "AuthSession": 0}


ACCEPT_BAD = [
    ("display_name", ""),
    ("display_name", "   "),
    ("display_name", None),
    ("display_name", "K" * 81),
    ("display_name", 5),
    ("display_name", ["Kath"]),
    ("display_name", {"name": "Kath"}),
    ("display_name", "Kath\nJohnson"),
    ("display_name", "Kath\x00"),
    ("display_name", "Kath \ud800"),
    ("time_zone", ""),
    ("time_zone", None),
    ("time_zone", "Moon/Tranquility"),
    ("time_zone", 5),
    ("time_zone", ["UTC"]),
    ("time_zone", {"zone": "UTC"}),
    ("password", ""),
    ("password", None),
    ("password", "eleven char"),
    ("password", "x1" * 128 + "y"),
    ("password", 5),
    ("password", ["orbit chalkboard"]),
    ("password", {"p": "orbit chalkboard"}),
    ("password", "Password!2024"),
    ("password", "johnson at langley"),
    ("password", "kathrine kath kath"),
    ("password", "orbit chalkboard \ud800 slate"),
    ("password_confirm", "orbit chalkboard 1962 slatE"),
]


@pytest.mark.parametrize(("field", "value"), ACCEPT_BAD)
def test_bad_input_when_accepting_an_invite_is_refused_on_its_field_and_changes_nothing(engine, team, field, value):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}).link)
    before = counts(engine, User, AuthSession)

    data = {**JOIN, field: value}
    if field == "password":
        data["password_confirm"] = value  # typed twice alike: only the password itself is at fault

    with pytest.raises(InvalidInput) as refusal:
        call(engine, accept_invite, code, data)

    assert refusal.value.field_errors[field]
    assert counts(engine, User, AuthSession) == before
    assert call(engine, accept_invite, code, JOIN)  # the link still works


@pytest.mark.parametrize("data", [None, [], "Kath", 5])
def test_an_invite_form_that_is_not_a_form_is_refused(engine, team, data):
    code = code_of(call_as(engine, team["admin"], invite, {"email": "kath@acme.test"}).link)

    with pytest.raises(InvalidInput) as refusal:
        call(engine, accept_invite, code, data)

    assert {"display_name", "time_zone", "password"} <= set(refusal.value.field_errors)
    assert counts(engine, User)["User"] == 6


INVITE_BAD = [
    "",
    "   ",
    None,
    5,
    ["kath@acme.test"],
    {"email": "kath@acme.test"},
    "kath",
    "kath@acme",
    "kath johnson@acme.test",
    "a" * 245 + "@acme.test",
    "kath\x00@acme.test",
    "kath\x1b@acme.test",
    "kath\ud800@acme.test",
]


@pytest.mark.parametrize("email", INVITE_BAD)
def test_a_bad_email_to_invite_is_refused_on_its_field_and_creates_nothing(engine, team, email):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], invite, {"email": email})

    assert refusal.value.field_errors["email"]
    assert counts(engine, Invite) == {"Invite": 0}


# --- reporting lines --------------------------------------------------------------------------


def line_form(manager: User, report: User, starts_on: object = "2026-03-02") -> dict:
    """The reporting-line form as the page sends it: people chosen from a list arrive as text ids."""
    return {"manager_id": str(manager.id), "report_id": str(report.id), "starts_on": starts_on}


def test_an_admin_sets_who_someone_reports_to(engine, team):
    admin, alice, bob = team["admin"], team["alice"], team["bob"]

    call_as(engine, admin, set_reporting_line, line_form(alice, bob), TODAY)

    assert managers_on(engine, admin, bob, TODAY) == "Alice Able"
    assert managers_on(engine, admin, bob, TODAY - dt.timedelta(days=1)) == ""
    [row] = call_as(engine, admin, list_reporting_lines, TODAY)
    assert (row.manager_name, row.report_name, row.starts_on, row.ends_on, row.current) == (
        "Alice Able",
        "Bob Baker",
        "2026-03-02",
        "",
        True,
    )


def test_a_new_manager_ends_the_open_line_on_the_new_start_date_and_keeps_history(engine, make, team):
    admin, alice, bob, cara = team["admin"], team["alice"], team["bob"], team["cara"]
    make.reporting_line(alice, bob, dt.date(2026, 1, 1))

    call_as(engine, admin, set_reporting_line, line_form(cara, bob, "2026-04-01"), TODAY)

    assert lines(engine) == [
        (alice.id, bob.id, dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
        (cara.id, bob.id, dt.date(2026, 4, 1), None),
    ]
    assert managers_on(engine, admin, bob, dt.date(2026, 3, 31)) == "Alice Able"
    assert managers_on(engine, admin, bob, dt.date(2026, 4, 1)) == "Cara Cole"
    assert len(call_as(engine, admin, list_reporting_lines, TODAY)) == 2


def test_nobody_can_be_their_own_manager(engine, team):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_reporting_line, line_form(team["bob"], team["bob"]), TODAY)

    assert refusal.value.field_errors["report_id"] == "A person can't be their own manager."
    assert lines(engine) == []


def test_two_people_cannot_manage_each_other(engine, make, team):
    alice, bob = team["alice"], team["bob"]
    make.reporting_line(alice, bob, dt.date(2026, 1, 1))

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_reporting_line, line_form(bob, alice), TODAY)

    assert "Bob Baker reports to Alice Able" in refusal.value.field_errors["manager_id"]
    assert lines(engine) == [(alice.id, bob.id, dt.date(2026, 1, 1), None)]


def test_two_people_cannot_manage_each_other_once_a_later_line_starts(engine, make, team):
    alice, bob = team["alice"], team["bob"]
    make.reporting_line(alice, bob, dt.date(2026, 5, 1))

    with pytest.raises(InvalidInput):
        call_as(engine, team["admin"], set_reporting_line, line_form(bob, alice, "2026-03-02"), TODAY)

    assert lines(engine) == [(alice.id, bob.id, dt.date(2026, 5, 1), None)]


def test_roles_may_swap_once_the_earlier_line_has_ended(engine, make, team):
    alice, bob = team["alice"], team["bob"]
    make.reporting_line(alice, bob, dt.date(2026, 1, 1), dt.date(2026, 2, 1))

    call_as(engine, team["admin"], set_reporting_line, line_form(bob, alice), TODAY)

    assert managers_on(engine, team["admin"], alice, TODAY) == "Bob Baker"
    assert managers_on(engine, team["admin"], bob, TODAY) == ""


@pytest.mark.parametrize("who", ["manager", "report"])
def test_people_from_another_organisation_cannot_be_given_reporting_lines(engine, team, who):
    form = line_form(team["outsider"], team["bob"]) if who == "manager" else line_form(team["alice"], team["outsider"])

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_reporting_line, form, TODAY)

    assert refusal.value.field_errors[f"{who}_id"] == "Choose a person from the list."
    assert lines(engine) == []


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_disabled_people_cannot_be_given_reporting_lines(engine, team, who):
    call_as(engine, team["admin"], set_disabled, team[who].id, True)

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_reporting_line, line_form(team["alice"], team["bob"]), TODAY)

    assert "Disabled" in refusal.value.field_errors["manager_id"]
    assert lines(engine) == []


def test_ending_a_reporting_line_leaves_the_person_without_that_manager_from_today(engine, make, team):
    line = make.reporting_line(team["alice"], team["bob"], dt.date(2026, 1, 1))

    call_as(engine, team["admin"], end_reporting_line, line.id, TODAY)

    assert fresh(engine, ReportingLine, line.id).ends_on == TODAY
    assert managers_on(engine, team["admin"], team["bob"], TODAY) == ""
    assert managers_on(engine, team["admin"], team["bob"], TODAY - dt.timedelta(days=1)) == "Alice Able"


LINE_BAD = [
    ("manager_id", None),
    ("manager_id", ""),
    ("manager_id", "Alice"),
    ("manager_id", 2.5),
    ("manager_id", True),
    ("manager_id", ["2"]),
    ("manager_id", {"id": 2}),
    ("manager_id", "999999"),
    ("manager_id", "x" * 1000),
    ("report_id", None),
    ("report_id", ""),
    ("report_id", "Bob"),
    ("report_id", ["3"]),
    ("report_id", {"id": 3}),
    ("report_id", "999999"),
    ("starts_on", ""),
    ("starts_on", None),
    ("starts_on", "not a date"),
    ("starts_on", "2026-02-30"),
    ("starts_on", "2026-13-01"),
    ("starts_on", "2026-03-02" + " " * 40 + "x"),
    ("starts_on", 5),
    ("starts_on", ["2026-03-02"]),
    ("starts_on", {"date": "2026-03-02"}),
]


@pytest.mark.parametrize(("field", "value"), LINE_BAD)
def test_a_bad_reporting_line_is_refused_on_its_field_and_changes_nothing(engine, make, team, field, value):
    make.reporting_line(team["alice"], team["cara"], dt.date(2026, 1, 1))
    form = {**line_form(team["cara"], team["bob"]), field: value}  # Bob has no line; Cara would manage him

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_reporting_line, form, TODAY)

    assert refusal.value.field_errors[field]
    assert lines(engine) == [(team["alice"].id, team["cara"].id, dt.date(2026, 1, 1), None)]


@pytest.mark.parametrize("data", [None, [], "2026-03-02", 5])
def test_a_reporting_line_form_that_is_not_a_form_is_refused(engine, team, data):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_reporting_line, data, TODAY)

    assert refusal.value.field_errors
    assert lines(engine) == []


# --- disabling and re-enabling ----------------------------------------------------------------


def test_disabling_someone_signs_them_out_everywhere_and_stops_sign_in(engine, team):
    bob = team["bob"]
    laptop, phone = sign_in_as(engine, bob), sign_in_as(engine, bob)

    call_as(engine, team["admin"], set_disabled, bob.id, True)

    for token in (laptop, phone):
        with pytest.raises(SignedOut):
            call(engine, resolve_session, token)
    with pytest.raises(InvalidInput):
        sign_in_as(engine, bob)
    assert {row.display_name: row.disabled for row in call_as(engine, team["admin"], list_people, TODAY)}["Bob Baker"]


def test_disabling_someone_leaves_other_peoples_sessions_alone(engine, team):
    alice_token = sign_in_as(engine, team["alice"])

    call_as(engine, team["admin"], set_disabled, team["bob"].id, True)

    assert call(engine, resolve_session, alice_token).id == team["alice"].id


def test_an_admin_cannot_disable_themself(engine, team):
    token = sign_in_as(engine, team["admin"])

    with pytest.raises(Forbidden):
        call_as(engine, team["admin"], set_disabled, team["admin"].id, True)

    assert fresh(engine, User, team["admin"].id).disabled_at is None
    assert call(engine, resolve_session, token).id == team["admin"].id


def test_a_re_enabled_person_can_sign_in_again(engine, team):
    bob = team["bob"]
    call_as(engine, team["admin"], set_disabled, bob.id, True)

    call_as(engine, team["admin"], set_disabled, bob.id, False)

    assert call(engine, resolve_session, sign_in_as(engine, bob)).id == bob.id
    assert not {row.display_name: row.disabled for row in call_as(engine, team["admin"], list_people, TODAY)}[
        "Bob Baker"
    ]


@pytest.mark.parametrize("user_id", [None, "", "3", [3], {"id": 3}, 999999])
def test_disabling_needs_a_person_from_the_list(engine, team, user_id):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, team["admin"], set_disabled, user_id, True)

    assert refusal.value.field_errors["user_id"]
    with Session(engine) as db:
        assert db.exec(select(User).where(User.disabled_at.is_not(None))).all() == []
