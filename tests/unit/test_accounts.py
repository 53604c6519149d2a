"""Signing up, signing in and out, sessions, profile and password — as a person sees them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from passlib.context import CryptContext
from sqlmodel import Session, select

from magicloop.models import (
    AuthSession,
    Competency,
    CompetencyFramework,
    Organisation,
    SignInThrottle,
    User,
    metadata,
)
from magicloop.services.accounts import (
    SIGN_IN_FAILED,
    change_password,
    describe,
    resolve_session,
    sign_in,
    sign_out,
    sign_up,
    update_profile,
)
from magicloop.services.errors import InvalidInput, SignedOut
from magicloop.services.security import needs_rehash, verify_password
from tests.conftest import PASSWORD
from tests.support import call, call_as, counts, fresh

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
WRONG = "not the right password"
NEW_PASSWORD = "copper lantern meadow 77"

SIGN_UP = {
    "organisation": "Acme Support",
    "display_name": "Ada Lovelace",
    "email": "ada@analytical.test",
    "time_zone": "Europe/London",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
}

CX_COMPETENCIES = [
    "customer research and surveys",
    "one-to-one customer engagement",
    "journey and process mapping",
    "cx metrics and measurement",
    "cx business cases",
    "experience design and improvement",
    "influencing a customer-centric culture",
    "cross-functional collaboration",
]


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def everything_stored(engine) -> str:
    with engine.connect() as connection:
        return "\n".join(
            str(tuple(row)) for table in metadata.sorted_tables for row in connection.execute(table.select())
        )


def sign_in_at(engine, email: str, password: str = PASSWORD, now: dt.datetime | None = None) -> str:
    return call(engine, sign_in, {"email": email, "password": password}, now=now)


def signs_in(engine, email: str, password: str, now: dt.datetime) -> bool:
    try:
        sign_in_at(engine, email, password, now)
    except InvalidInput:
        return False
    return True


def refused_sign_in(engine, email: str, password: str, now: dt.datetime | None = None) -> InvalidInput:
    with pytest.raises(InvalidInput) as refusal:
        sign_in_at(engine, email, password, now)
    return refusal.value


def fail_sign_ins(engine, email: str, at_minutes) -> None:
    """A wrong password for `email` at each of these minutes after T0."""
    for minute in at_minutes:
        refused_sign_in(engine, email, WRONG, T0 + minutes(minute))


ACCOUNT_ROWS = (Organisation, User, AuthSession, CompetencyFramework, Competency)


# --- signing up -------------------------------------------------------------------------------


def test_sign_up_creates_an_organisation_whose_first_user_is_admin_and_signed_in(engine):
    token = call(engine, sign_up, SIGN_UP)

    user = call(engine, resolve_session, token)
    me = call(engine, lambda db: describe(db, db.get(User, user.id)))
    assert me.is_admin
    assert (me.display_name, me.email, me.time_zone) == ("Ada Lovelace", "ada@analytical.test", "Europe/London")
    assert me.organisation_name == "Acme Support"


def test_sign_up_gives_the_organisation_the_default_cx_framework_of_eight_competencies(engine):
    user = call(engine, resolve_session, call(engine, sign_up, SIGN_UP))

    with Session(engine) as db:
        framework = db.exec(
            select(CompetencyFramework).where(
                CompetencyFramework.organisation_id == user.organisation_id, CompetencyFramework.is_current
            )
        ).one()
        names = db.exec(
            select(Competency.name).where(Competency.framework_id == framework.id).order_by(Competency.position)
        ).all()
    assert [n.casefold() for n in names] == CX_COMPETENCIES


def test_sign_up_refuses_an_email_that_already_has_an_account(engine):
    call(engine, sign_up, SIGN_UP)
    before = counts(engine, *ACCOUNT_ROWS)

    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_up, {**SIGN_UP, "organisation": "Other Co", "email": "  ADA@Analytical.Test "})

    assert "already exists" in refusal.value.field_errors["email"]
    assert counts(engine, *ACCOUNT_ROWS) == before


def test_sign_up_keeps_the_email_trimmed_and_lower_case_and_sign_in_ignores_case(engine):
    call(engine, sign_up, {**SIGN_UP, "email": "  Ada@Analytical.TEST  "})

    with Session(engine) as db:
        assert db.exec(select(User.email)).all() == ["ada@analytical.test"]
    assert signs_in(engine, " ADA@analytical.test ", PASSWORD, T0)


# --- signing in -------------------------------------------------------------------------------


def test_sign_in_with_the_right_password_gives_a_working_session(engine, make):
    user = make.user(make.organisation())

    token = sign_in_at(engine, user.email)

    assert call(engine, resolve_session, token).id == user.id


def test_sign_in_with_a_wrong_password_is_refused_and_creates_no_session(engine, make):
    user = make.user(make.organisation())

    refusal = refused_sign_in(engine, user.email, WRONG)

    assert refusal.message == SIGN_IN_FAILED
    assert counts(engine, AuthSession) == {"AuthSession": 0}


def test_every_kind_of_failed_sign_in_gets_the_same_message(engine, make):
    organisation = make.organisation()
    user, gone = make.user(organisation), make.user(organisation)
    with Session(engine) as db:
        row = db.get(User, gone.id)
        row.disabled_at = T0
        db.add(row)
        db.commit()

    refusals = [
        refused_sign_in(engine, "nobody@acme.test", PASSWORD, T0 + minutes(5)),
        refused_sign_in(engine, user.email, WRONG, T0 + minutes(5)),
        refused_sign_in(engine, gone.email, PASSWORD, T0 + minutes(5)),
    ]

    assert {(r.message, tuple(r.field_errors.items())) for r in refusals} == {
        (SIGN_IN_FAILED, (("password", SIGN_IN_FAILED),))
    }


# --- throttling -------------------------------------------------------------------------------


def seconds(n: float) -> dt.timedelta:
    return dt.timedelta(seconds=n)


def throttle_row(engine, key: str) -> SignInThrottle:
    with Session(engine) as db:
        return db.exec(select(SignInThrottle).where(SignInThrottle.key == key)).one()


def test_four_failures_do_not_slow_the_account_down(engine, make):
    user = make.user(make.organisation())
    fail_sign_ins(engine, user.email, range(4))

    assert signs_in(engine, user.email, PASSWORD, T0 + minutes(3) + seconds(1))


def test_from_the_fifth_failure_each_try_waits_twice_as_long_up_to_a_minute(engine, make):
    user = make.user(make.organisation())
    fail_sign_ins(engine, user.email, range(5))
    fifth = T0 + minutes(4)

    waits = []
    now = fifth
    for _ in range(8):
        row = throttle_row(engine, f"email:{user.email}")
        waits.append((row.locked_until - now).total_seconds())
        refusal = refused_sign_in(engine, user.email, PASSWORD, row.locked_until - seconds(0.5))
        assert "wait 1 second" in refusal.message  # even the right password waits
        now = row.locked_until
        refused_sign_in(engine, user.email, WRONG, now)

    assert waits == [2, 4, 8, 16, 32, 60, 60, 60]
    assert signs_in(engine, user.email, PASSWORD, now + minutes(1))


def test_someone_guessing_at_an_address_can_keep_its_owner_out_for_a_minute_at_most(engine, make):
    user = make.user(make.organisation())
    for attempt in range(100):  # as fast as the throttle lets them, from many places
        now = T0 + seconds(61 * attempt)
        refused_sign_in(engine, user.email, WRONG, now)

    assert signs_in(engine, user.email, PASSWORD, now + minutes(1))


def test_failures_spread_over_more_than_fifteen_minutes_do_not_slow_the_account_down(engine, make):
    user = make.user(make.organisation())
    fail_sign_ins(engine, user.email, (0, 1, 2, 3, 16))

    assert signs_in(engine, user.email, PASSWORD, T0 + minutes(16) + seconds(1))


def test_failures_count_against_the_address_whatever_its_case_or_spaces(engine, make):
    user = make.user(make.organisation())
    for minute, spelling in enumerate(
        [user.email, user.email.upper(), f"  {user.email} ", user.email.title(), user.email]
    ):
        refused_sign_in(engine, spelling, WRONG, T0 + minutes(minute))

    assert not signs_in(engine, user.email, PASSWORD, T0 + minutes(4) + seconds(1))


def test_a_successful_sign_in_forgets_earlier_failures(engine, make):
    user = make.user(make.organisation())
    fail_sign_ins(engine, user.email, range(4))
    assert signs_in(engine, user.email, PASSWORD, T0 + minutes(4))
    fail_sign_ins(engine, user.email, range(5, 9))

    assert signs_in(engine, user.email, PASSWORD, T0 + minutes(8) + seconds(1))


def test_the_wait_is_kept_although_the_refused_request_is_rolled_back(engine, make):
    user = make.user(make.organisation())
    fail_sign_ins(engine, user.email.upper(), range(5))

    row = throttle_row(engine, f"email:{user.email}")
    assert (row.locked_until, row.lockouts) == (T0 + minutes(4) + seconds(2), 1)


def test_an_unknown_address_is_slowed_down_exactly_like_a_known_one(engine, make):
    user = make.user(make.organisation())
    fail_sign_ins(engine, user.email, range(5))
    fail_sign_ins(engine, "nobody@acme.test", range(5))
    now = T0 + minutes(4) + seconds(1)

    known = refused_sign_in(engine, user.email, PASSWORD, now)
    unknown = refused_sign_in(engine, "nobody@acme.test", PASSWORD, now)

    assert (known.message, known.field_errors) == (unknown.message, unknown.field_errors)
    assert throttle_row(engine, "email:nobody@acme.test").locked_until == T0 + minutes(4) + seconds(2)


def guess_from(engine, client: str, emails: list[str], start: dt.datetime) -> None:
    for n, email in enumerate(emails):
        with pytest.raises(InvalidInput):
            call(engine, sign_in, {"email": email, "password": WRONG}, client=client, now=start + seconds(n))


def test_twenty_failures_from_one_address_lock_that_address_out_for_fifteen_minutes(engine, make):
    user = make.user(make.organisation())
    guess_from(engine, "203.0.113.9", [f"guess{n}@acme.test" for n in range(20)], T0)
    locked_at = T0 + seconds(19)

    with pytest.raises(InvalidInput, match="from your network: try again in 15 minutes"):
        call(engine, sign_in, {"email": user.email, "password": PASSWORD}, client="203.0.113.9", now=locked_at)
    # Everyone else, and that address once the lock ends, signs in as usual.
    assert call(engine, sign_in, {"email": user.email, "password": PASSWORD}, client="198.51.100.4", now=locked_at)
    assert call(
        engine, sign_in, {"email": user.email, "password": PASSWORD}, client="203.0.113.9", now=locked_at + minutes(15)
    )


def test_each_lock_of_an_address_lasts_twice_as_long_as_the_one_before(engine):
    guess_from(engine, "203.0.113.9", [f"guess{n}@acme.test" for n in range(20)], T0)
    second_start = T0 + seconds(19) + minutes(15)
    guess_from(engine, "203.0.113.9", [f"again{n}@acme.test" for n in range(20)], second_start)

    row = throttle_row(engine, "client:203.0.113.9")
    assert row.locked_until - (second_start + seconds(19)) == minutes(30)


def test_after_five_sign_ups_from_one_address_the_next_waits_an_hour(engine):
    for n in range(5):
        form = {**SIGN_UP, "organisation": f"Acme {n}", "email": f"founder{n}@acme.test"}
        assert call(engine, sign_up, form, client="203.0.113.9", now=T0 + minutes(n))

    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_up, {**SIGN_UP, "email": "sixth@acme.test"}, client="203.0.113.9", now=T0 + minutes(5))
    assert refusal.value.field_errors == {"organisation": refusal.value.message}
    assert "try again in 59 minutes" in refusal.value.message  # an hour from the fifth
    assert call(engine, sign_up, {**SIGN_UP, "email": "elsewhere@acme.test"}, client="198.51.100.4", now=T0)
    assert counts(engine, Organisation) == {"Organisation": 6}


def test_a_password_hashed_with_older_parameters_is_rehashed_at_sign_in(engine, make):
    user = make.user(make.organisation())
    older = CryptContext(schemes=["argon2"], argon2__memory_cost=8_192, argon2__time_cost=1).hash(PASSWORD)
    with Session(engine) as db:
        row = db.get(User, user.id)
        row.password_hash = older
        db.add(row)
        db.commit()

    assert sign_in_at(engine, user.email)

    with Session(engine) as db:
        stored = db.get(User, user.id).password_hash
    assert stored != older and not needs_rehash(stored) and verify_password(PASSWORD, stored)
    assert sign_in_at(engine, user.email)


# --- sessions ---------------------------------------------------------------------------------


def test_a_session_ends_twelve_hours_after_sign_in_however_active(engine, make):
    user = make.user(make.organisation())
    token = sign_in_at(engine, user.email, now=T0)
    for step in range(1, 7):  # active every 110 minutes, up to 11 hours
        call(engine, resolve_session, token, now=T0 + minutes(110 * step))
    assert call(engine, resolve_session, token, now=T0 + minutes(12 * 60 - 1)).id == user.id

    with pytest.raises(SignedOut, match="expired"):
        call(engine, resolve_session, token, now=T0 + minutes(12 * 60))


def test_a_session_ends_after_two_hours_without_activity(engine, make):
    user = make.user(make.organisation())
    token = sign_in_at(engine, user.email, now=T0)
    call(engine, resolve_session, token, now=T0 + minutes(119))

    with pytest.raises(SignedOut, match="expired") as refusal:
        call(engine, resolve_session, token, now=T0 + minutes(119 + 121))
    assert refusal.value.message == "Your session has expired. Please sign in again."
    with pytest.raises(SignedOut):  # it does not come back
        call(engine, resolve_session, token, now=T0 + minutes(120))


def test_activity_within_two_hours_keeps_the_session(engine, make):
    user = make.user(make.organisation())
    token = sign_in_at(engine, user.email, now=T0)

    for step in (100, 200, 300):
        assert call(engine, resolve_session, token, now=T0 + minutes(step)).id == user.id


@pytest.mark.parametrize("token", [None, "", 5, ["token"], {"token": "x"}, "x" * 101, "made-up-token", "\ud800"])
def test_a_missing_or_made_up_token_is_not_a_session(engine, make, token):
    make.user(make.organisation())
    sign_in_at(engine, "person1@acme.test")

    with pytest.raises(SignedOut) as refusal:
        call(engine, resolve_session, token)
    assert "sign in" in refusal.value.message


def test_sign_out_ends_only_that_session(engine, make):
    user = make.user(make.organisation())
    laptop, phone = sign_in_at(engine, user.email), sign_in_at(engine, user.email)

    call(engine, sign_out, laptop)

    with pytest.raises(SignedOut, match="signed out"):
        call(engine, resolve_session, laptop)
    assert call(engine, resolve_session, phone).id == user.id
    assert counts(engine, AuthSession) == {"AuthSession": 1}


def test_a_disabled_persons_session_is_refused_with_a_reason(engine, make):
    user = make.user(make.organisation())
    token = sign_in_at(engine, user.email)
    with Session(engine) as db:
        row = db.get(User, user.id)
        row.disabled_at = T0
        db.add(row)
        db.commit()

    with pytest.raises(SignedOut) as refusal:
        call(engine, resolve_session, token)
    assert refusal.value.message == "This account has been disabled. Ask your organisation's admin."
    assert counts(engine, AuthSession) == {"AuthSession": 0}


# --- what the database keeps ------------------------------------------------------------------


def test_the_database_keeps_only_a_sha256_digest_of_session_tokens(engine, make):
    user = make.user(make.organisation())
    token = sign_in_at(engine, user.email)

    with Session(engine) as db:
        assert db.exec(select(AuthSession.token_hash)).all() == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in everything_stored(engine)


def test_the_database_keeps_passwords_only_as_strong_argon2id_hashes(engine):
    call(engine, sign_up, SIGN_UP)

    with Session(engine) as db:
        stored = db.exec(select(User.password_hash)).one()
    found = re.match(r"^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=\d+\$", stored)
    assert found, stored
    assert int(found[1]) >= 19456 and int(found[2]) >= 2
    assert PASSWORD not in everything_stored(engine)


# --- profile ----------------------------------------------------------------------------------


def test_update_profile_saves_name_time_zone_and_advanced_mode(engine, make):
    user = make.user(make.organisation())

    call_as(
        engine,
        user,
        update_profile,
        {"display_name": "  Grace Hopper ", "time_zone": "America/New_York", "advanced_mode": "on"},
    )

    saved = fresh(engine, User, user.id)
    assert (saved.display_name, saved.time_zone, saved.advanced_mode) == ("Grace Hopper", "America/New_York", True)


PROFILE_BAD = [
    ("display_name", ""),
    ("display_name", "   "),
    ("display_name", None),
    ("display_name", "G" * 81),
    ("display_name", 5),
    ("display_name", ["Grace"]),
    ("display_name", {"first": "Grace"}),
    ("display_name", "Grace\nHopper"),
    ("display_name", "Grace\x00"),
    ("display_name", "Grace \ud800"),
    ("time_zone", ""),
    ("time_zone", None),
    ("time_zone", "Mars/Olympus_Mons"),
    ("time_zone", "europe/london"),
    ("time_zone", 5),
    ("time_zone", ["UTC"]),
    ("time_zone", {"zone": "UTC"}),
]


@pytest.mark.parametrize(("field", "value"), PROFILE_BAD)
def test_bad_profile_input_is_refused_on_its_field_and_changes_nothing(engine, make, field, value):
    user = make.user(make.organisation(), "Grace Hopper")
    data = {"display_name": "Rear Admiral", "time_zone": "Asia/Tokyo", "advanced_mode": "on", field: value}

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, user, update_profile, data)

    assert refusal.value.field_errors[field]
    saved = fresh(engine, User, user.id)
    assert (saved.display_name, saved.time_zone, saved.advanced_mode) == ("Grace Hopper", "UTC", False)


def test_a_name_of_eighty_characters_is_accepted(engine, make):
    user = make.user(make.organisation())

    call_as(engine, user, update_profile, {"display_name": "G" * 80, "time_zone": "UTC"})

    assert fresh(engine, User, user.id).display_name == "G" * 80


@pytest.mark.parametrize("data", [None, [], "Grace", 5])
def test_a_profile_form_that_is_not_a_form_is_refused(engine, make, data):
    user = make.user(make.organisation(), "Grace Hopper")

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, user, update_profile, data)

    assert set(refusal.value.field_errors) == {"display_name", "time_zone"}
    assert fresh(engine, User, user.id).display_name == "Grace Hopper"


# --- changing the password --------------------------------------------------------------------


def two_sessions(engine, make):
    user = make.user(make.organisation(), "Grace Hopper")
    return user, sign_in_at(engine, user.email), sign_in_at(engine, user.email)


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(engine, make):
    user, here, elsewhere = two_sessions(engine, make)

    call_as(
        engine,
        user,
        change_password,
        here,
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )

    assert call(engine, resolve_session, here).id == user.id
    with pytest.raises(SignedOut):
        call(engine, resolve_session, elsewhere)
    assert signs_in(engine, user.email, NEW_PASSWORD, T0)
    assert not signs_in(engine, user.email, PASSWORD, T0 + minutes(1))


def test_changing_the_password_needs_the_current_one(engine, make):
    user, here, elsewhere = two_sessions(engine, make)
    before = fresh(engine, User, user.id).password_hash

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, user, change_password, here, {"current_password": WRONG, "new_password": NEW_PASSWORD})

    assert refusal.value.field_errors["current_password"] == "That isn't your current password."
    assert fresh(engine, User, user.id).password_hash == before
    assert call(engine, resolve_session, elsewhere).id == user.id


CHANGE_PASSWORD_BAD = [
    ("current_password", None),
    ("current_password", ""),
    ("current_password", 5),
    ("current_password", [PASSWORD]),
    ("current_password", {"password": PASSWORD}),
    ("current_password", WRONG),
    ("current_password", "plum orchard \ud800 violin 42"),
    ("new_password", None),
    ("new_password", ""),
    ("new_password", "short words"),
    ("new_password", "x1" * 128 + "y"),
    ("new_password", 5),
    ("new_password", [NEW_PASSWORD]),
    ("new_password", {"password": NEW_PASSWORD}),
    ("new_password", "Password!2024"),
    ("new_password", PASSWORD),
    ("new_password", "hopper sails the bay"),
    ("new_password", "grace under pressure"),
    ("new_password", "copper lantern \ud800 meadow"),
    ("password_confirm", "copper lantern meadow 78"),
]


@pytest.mark.parametrize(("field", "value"), CHANGE_PASSWORD_BAD)
def test_bad_password_change_is_refused_on_its_field_and_changes_nothing(engine, make, field, value):
    user, here, elsewhere = two_sessions(engine, make)
    before = fresh(engine, User, user.id).password_hash
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD, field: value}
    if field == "new_password":
        data["password_confirm"] = value  # typed twice alike: only the password itself is at fault

    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, user, change_password, here, data)

    assert refusal.value.field_errors[field]
    assert fresh(engine, User, user.id).password_hash == before
    assert counts(engine, AuthSession) == {"AuthSession": 2}
    assert signs_in(engine, user.email, PASSWORD, T0)


# --- bad input on the public forms ------------------------------------------------------------

SIGN_UP_BAD = [
    ("organisation", ""),
    ("organisation", "   "),
    ("organisation", None),
    ("organisation", "A" * 121),
    ("organisation", 5),
    ("organisation", ["Acme"]),
    ("organisation", {"name": "Acme"}),
    ("organisation", "Acme\nSupport"),
    ("organisation", "Acme\x00"),
    ("organisation", "Acme \udfff"),
    ("display_name", ""),
    ("display_name", None),
    ("display_name", "A" * 81),
    ("display_name", 5),
    ("display_name", ["Ada"]),
    ("display_name", {"name": "Ada"}),
    ("display_name", "Ada\x07"),
    ("display_name", "Ada \ud800"),
    ("email", ""),
    ("email", "   "),
    ("email", None),
    ("email", "ada"),
    ("email", "ada@analytical"),
    ("email", "ada lovelace@analytical.test"),
    ("email", "ada@@analytical.test"),
    ("email", "a" * 245 + "@acme.test"),
    ("email", 5),
    ("email", ["ada@analytical.test"]),
    ("email", {"email": "ada@analytical.test"}),
    ("email", "ada\x00@analytical.test"),
    ("email", "ada\x1b@analytical.test"),
    ("email", "ada\ud800@analytical.test"),
    ("time_zone", ""),
    ("time_zone", None),
    ("time_zone", "Mars/Olympus_Mons"),
    ("time_zone", 5),
    ("time_zone", ["UTC"]),
    ("time_zone", {"zone": "UTC"}),
    ("password", ""),
    ("password", None),
    ("password", "eleven char"),
    ("password", "x1" * 128 + "y"),
    ("password", 5),
    ("password", [PASSWORD]),
    ("password", {"password": PASSWORD}),
    ("password", "Password!2024"),
    ("password", "qwerty123456"),
    ("password", "lovelace at the loom"),
    ("password", "analytical engine room"),
    ("password", "plum orchard \ud800 violin"),
    ("password_confirm", "plum orchard violin 43"),
]


@pytest.mark.parametrize(("field", "value"), SIGN_UP_BAD)
def test_bad_sign_up_input_is_refused_on_its_field_and_creates_nothing(engine, field, value):
    before = counts(engine, *ACCOUNT_ROWS)

    data = {**SIGN_UP, field: value}
    if field == "password":
        data["password_confirm"] = value  # typed twice alike: only the password itself is at fault

    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_up, data)

    assert refusal.value.field_errors[field]
    assert counts(engine, *ACCOUNT_ROWS) == before


@pytest.mark.parametrize("data", [None, [], "ada@analytical.test", 5])
def test_a_sign_up_form_that_is_not_a_form_is_refused(engine, data):
    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_up, data)

    assert {"organisation", "display_name", "email", "time_zone", "password"} <= set(refusal.value.field_errors)
    assert set(counts(engine, *ACCOUNT_ROWS).values()) == {0}


SIGN_IN_BAD = [
    ("email", ""),
    ("email", None),
    ("email", 5),
    ("email", ["person1@acme.test"]),
    ("email", {"email": "person1@acme.test"}),
    ("email", "a" * 250 + "@acme.test"),
    ("password", ""),
    ("password", None),
    ("password", 5),
    ("password", [PASSWORD]),
    ("password", {"password": PASSWORD}),
    ("password", "x" * 1025),
]


@pytest.mark.parametrize(("field", "value"), SIGN_IN_BAD)
def test_bad_sign_in_input_gets_the_sign_in_message_and_changes_nothing(engine, make, field, value):
    make.user(make.organisation(), "Person")
    before = counts(engine, User, AuthSession, SignInThrottle)

    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_in, {"email": "person1@acme.test", "password": PASSWORD, field: value})

    assert refusal.value.field_errors == {"password": SIGN_IN_FAILED}
    assert counts(engine, User, AuthSession, SignInThrottle) == before


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("person1\x00@acme.test", PASSWORD),
        ("\x00", PASSWORD),
        ("person1\ud800@acme.test", PASSWORD),
        ("person1@acme.test", "plum orchard \ud800 violin 42"),
    ],
)
def test_sign_in_with_text_that_is_not_valid_gets_the_sign_in_message(engine, make, email, password):
    make.user(make.organisation(), "Person")

    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_in, {"email": email, "password": password})

    assert refusal.value.field_errors == {"password": SIGN_IN_FAILED}
    assert counts(engine, AuthSession) == {"AuthSession": 0}


@pytest.mark.parametrize("data", [None, [], "person1@acme.test", 5])
def test_a_sign_in_form_that_is_not_a_form_is_refused(engine, make, data):
    make.user(make.organisation(), "Person")

    with pytest.raises(InvalidInput) as refusal:
        call(engine, sign_in, data)

    assert refusal.value.message == SIGN_IN_FAILED
    assert counts(engine, AuthSession, SignInThrottle) == {"AuthSession": 0, "SignInThrottle": 0}
