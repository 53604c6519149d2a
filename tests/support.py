"""Small helpers shared by test modules."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable

from sqlalchemy import func, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from magicloop.db import transaction
from magicloop.models import CompetencyRating, OutboxMail, User, metadata
from magicloop.services.validation import is_id

# Ids that name no record a service should find: wrong types, and a number nobody holds.
BAD_IDS = ["1", True, None, 1.5, [1], {"id": 1}, 999_999]


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def empty_every_table(engine: Engine) -> None:
    """Every row gone and, on PostgreSQL, ids counted from 1 again. On a test's few rows a DELETE per table is
    several times quicker than one TRUNCATE, which gives every table new files."""
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
        if engine.dialect.name == "postgresql":
            connection.execute(
                text(
                    "SELECT setval(oid, 1, false) FROM pg_class "
                    "WHERE relkind = 'S' AND relnamespace = current_schema()::regnamespace"
                )
            )


def count(db, *models) -> tuple[int, ...]:
    """How many rows each model has, as the session sees them."""
    return tuple(db.exec(select(func.count()).select_from(m)).one() for m in models)


def call(engine, fn, *args, **kwargs):
    """One request as the app makes it: one transaction, rolled back when refused."""
    with transaction(engine) as db:
        return fn(db, *args, **kwargs)


def call_as(engine, user: User, fn, *args, **kwargs):
    with transaction(engine) as db:
        return fn(db, db.get(User, user.id), *args, **kwargs)


def counts(engine, *models) -> dict[str, int]:
    """How many rows each model has, read afresh from the database."""
    with Session(engine) as db:
        return {m.__name__: db.exec(select(func.count()).select_from(m)).one() for m in models}


def fresh(engine, model, key):
    with Session(engine, expire_on_commit=False) as db:
        return db.get(model, key)


def at_once(work: Callable[[], object], workers: int) -> list:
    """`work` in several threads started together, as several app workers would run it; what each returned."""
    start, results = threading.Barrier(workers), []

    def worker() -> None:
        start.wait()
        results.append(work())

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def opened(db, model, row_id: int | None = None, **where) -> dict[str, str]:
    """The hidden field of a form opened on a row as it now stands: its version (0 before it is first
    saved). The row is named by id, or by its columns (`loop_id=…`) for a record kept once per loop or item."""
    db.flush()  # what earlier calls changed, versions bumped: as if each had been its own transaction
    row = db.get(model, row_id) if row_id is not None else db.exec(select(model).filter_by(**where)).first()
    return {"version": str(row.version) if row is not None else "0"}


def ratings_opened(db, loop_id: int, kind: str, data):
    """A ratings form as sent: `data` with the version of each rating it scores (0 where none is saved yet)."""
    if not isinstance(data, dict):
        return data  # garbage stays garbage
    rated = [key.removeprefix("score-") for key in data if key.startswith("score-")]
    where = {"loop_id": loop_id, "rater_kind": kind}

    def version(competency: str) -> str:
        return (
            opened(db, CompetencyRating, competency_id=int(competency), **where)["version"] if is_id(loop_id) else "0"
        )

    return {**data, **{f"version-{c}": version(c) for c in rated}}


def mails_to(engine, to: str) -> list[OutboxMail]:
    """The mail queued for `to`, oldest first."""
    with Session(engine) as db:
        return list(db.exec(select(OutboxMail).where(OutboxMail.recipient == to).order_by(OutboxMail.id)))


def code_mailed_to(engine, to: str) -> str:
    """The secret code in the link of the newest mail queued for `to`."""
    return re.search(r"\?code=(\S+)", mails_to(engine, to)[-1].body).group(1)
