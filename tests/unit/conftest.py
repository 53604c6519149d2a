"""The people service tests act as, and the loop they act on.

`people` is one organisation around a professional (the owner): their manager and a
mentor they granted, plus everyone who must be refused — a colleague with no tie, a
former manager, mentors whose grants lapsed or were revoked, the organisation's admin,
and a person and an admin from another organisation. A module that needs more (a second
report, competencies) extends it with a fixture of the same name.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from magicloop.models import utcnow

REAL_TODAY = utcnow().date()  # reporting lines and grants are checked against the real clock


@pytest.fixture
def people(make) -> SimpleNamespace:
    org, elsewhere = make.organisation(), make.organisation("Elsewhere Ltd")
    p = SimpleNamespace(
        owner=make.user(org, "Ada Owner"),
        manager=make.user(org, "Max Manager"),
        mentor=make.user(org, "Mia Mentor"),
        stranger=make.user(org, "Sam Stranger"),
        former=make.user(org, "Fay Former"),
        expired_mentor=make.user(org, "Eve Expired"),
        revoked_mentor=make.user(org, "Rex Revoked"),
        admin=make.user(org, "Alex Admin", admin=True),
        outsider=make.user(elsewhere, "Olu Outsider"),
        outsider_admin=make.user(elsewhere, "Olu Admin", admin=True),
    )
    make.reporting_line(p.manager, p.owner)
    make.reporting_line(
        p.former, p.owner, starts_on=REAL_TODAY - dt.timedelta(days=400), ends_on=REAL_TODAY - dt.timedelta(days=30)
    )
    make.mentor_grant(p.owner, p.mentor)
    make.mentor_grant(p.owner, p.expired_mentor, expires_at=utcnow() - dt.timedelta(minutes=1))
    make.mentor_grant(p.owner, p.revoked_mentor, revoked=True)
    return p


@pytest.fixture
def loop(make, people):
    """The owner's first loop, at stage 1."""
    return make.loop(people.owner)
