"""An admin sends a member a reset link, makes another member admin, and steps down; the organisation is
never left without an active admin."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from magicloop.db import transaction
from magicloop.models import AuditEvent, OutboxMail, User
from magicloop.services.admins import make_admin, send_reset_link, step_down
from magicloop.services.errors import Forbidden, InvalidInput, ServiceError
from magicloop.services.organisation import set_disabled
from magicloop.services.recovery import NO_MAIL
from tests.conftest import Factory
from tests.support import at_once, call_as, fresh


@pytest.fixture
def team(make):
    acme = make.organisation("Acme Support")
    other = make.organisation("Globex Care")
    return dict(
        admin=make.user(acme, "Ada Admin", admin=True),
        bob=make.user(acme, "Bob Baker"),
        outsider_admin=make.user(other, "Oscar Other", admin=True),
    )


def is_admin(engine, user: User) -> bool:
    return fresh(engine, User, user.id).is_admin


def audit_kinds(engine) -> list[str]:
    with Session(engine) as db:
        return [e.kind for e in db.exec(select(AuditEvent).order_by(AuditEvent.id))]


def test_an_admin_mails_a_member_a_reset_link_they_never_see(engine, team, smtp_inbox):
    assert call_as(engine, team["admin"], send_reset_link, team["bob"].id) == "Bob Baker"
    with Session(engine) as db:
        [mail] = db.exec(select(OutboxMail)).all()
    assert mail.recipient == team["bob"].email and "Ada Admin, your organisation's admin" in mail.body
    assert "/reset?code=" in mail.body
    assert audit_kinds(engine) == ["reset link sent by an admin"]


def test_a_reset_link_needs_mail_settings_and_an_admin_of_the_same_organisation(engine, team, smtp_inbox):
    for actor, person in ((team["bob"], team["admin"]), (team["outsider_admin"], team["bob"])):
        with pytest.raises(ServiceError):
            call_as(engine, actor, send_reset_link, person.id)


def test_without_mail_settings_an_admin_is_told_no_link_can_be_sent(engine, team):
    with pytest.raises(InvalidInput, match="can't send mail") as refusal:
        call_as(engine, team["admin"], send_reset_link, team["bob"].id)
    assert refusal.value.message == NO_MAIL


def test_an_admin_makes_a_member_admin_who_may_then_step_down_but_not_the_last(engine, team):
    admin, bob = team["admin"], team["bob"]
    assert call_as(engine, admin, make_admin, bob.id) == "Bob Baker"
    assert is_admin(engine, bob)
    call_as(engine, admin, step_down)
    assert not is_admin(engine, admin)
    with pytest.raises(Forbidden, match="needs an admin"):
        call_as(engine, bob, step_down)
    assert is_admin(engine, bob)
    assert audit_kinds(engine) == ["made admin", "stepped down as admin"]


def test_only_an_admin_of_the_same_organisation_makes_admins(engine, team):
    for actor in (team["bob"], team["outsider_admin"]):
        with pytest.raises(ServiceError):
            call_as(engine, actor, make_admin, team["bob"].id)
    assert not is_admin(engine, team["bob"])


def test_a_disabled_member_cannot_be_made_admin(engine, team):
    call_as(engine, team["admin"], set_disabled, team["bob"].id, True)
    with pytest.raises(InvalidInput, match="disabled"):
        call_as(engine, team["admin"], make_admin, team["bob"].id)


def _two_admins(engine) -> tuple[User, User]:
    with Session(engine, expire_on_commit=False) as db:
        make = Factory(db)
        acme = make.organisation("Acme Support")
        return make.user(acme, "Ada Admin", admin=True), make.user(acme, "Bea Admin", admin=True)


def _attempt(engine, user: User, fn, *args) -> str:
    try:
        with transaction(engine) as db:
            fn(db, db.get(User, user.id), *args)
    except Forbidden:
        return "refused"
    return "done"


def test_two_admins_stepping_down_at_once_leave_one_admin(shared_engine):
    ada, bea = _two_admins(shared_engine)
    turns = iter([ada, bea])
    results = at_once(lambda: _attempt(shared_engine, next(turns), step_down), 2)
    assert sorted(results) == ["done", "refused"]
    assert [is_admin(shared_engine, ada), is_admin(shared_engine, bea)].count(True) == 1


def test_two_admins_disabling_each_other_at_once_leave_one_admin(shared_engine):
    ada, bea = _two_admins(shared_engine)
    turns = iter([(ada, bea), (bea, ada)])

    def disable_the_other() -> str:
        actor, other = next(turns)
        return _attempt(shared_engine, actor, set_disabled, other.id, True)

    assert sorted(at_once(disable_the_other, 2)) == ["done", "refused"]
    assert [fresh(shared_engine, User, u.id).disabled_at is None for u in (ada, bea)].count(True) == 1
