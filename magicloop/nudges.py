"""Telling both sides of a loop about a missed check-in, run by every app worker (and by
`python -m magicloop.nudges`). A check-in day ends at midnight where its professional is, so the app
looks every quarter of an hour."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from magicloop.db import transaction
from magicloop.models import utcnow
from magicloop.periodic import repeat
from magicloop.services import checkins

LOOK_EVERY_S = 15 * 60


def tell_missed_checkins(engine: Engine | None = None, now: dt.datetime | None = None) -> int:
    """Returns how many missed check-ins this call told of. The search reads without a write lock;
    each loop is then claimed and told in a transaction of its own."""
    now = now or utcnow()
    with transaction(engine, write=False) as db:
        missed = checkins.untold(db, now)
    told = 0
    for one in missed:
        with transaction(engine) as db:
            told += checkins.tell(db, one, now)
    return told


async def missed_checkins_task() -> None:
    await repeat(tell_missed_checkins, LOOK_EVERY_S, "missed check-ins told")


if __name__ == "__main__":
    print(f"{tell_missed_checkins()} missed check-ins told")
