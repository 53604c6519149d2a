"""Small helpers shared by test modules."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from sqlalchemy import func
from sqlmodel import Session, select

from magicloop.db import transaction
from magicloop.models import User

# Ids that name no record a service should find: wrong types, and a number nobody holds.
BAD_IDS = ["1", True, None, 1.5, [1], {"id": 1}, 999_999]


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
