"""Runs a service off the event loop, in one transaction, and turns refusals
into something the page can show."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from magicloop.config import get_settings
from magicloop.db import is_read_conflict, transaction
from magicloop.models import User, utcnow
from magicloop.services import audit
from magicloop.services.accounts import resolve_session
from magicloop.services.dates import local_day
from magicloop.services.errors import Forbidden, InvalidInput, ServiceError, SignedOut
from magicloop.services.versions import CHANGED, Changed, Conflict

T = TypeVar("T")
log = logging.getLogger(__name__)
UNEXPECTED = "Something went wrong on our side and nothing was saved. Please try again."
DATABASE_THREADS = 8  # for a server database; below its connection pool (10)
ACCOUNTS_QUEUE = 16  # sign-ins and sign-ups waiting for a hashing thread, at most
BUSY = "Many people are signing in right now. Please try again in a moment."
_accounts_queued = 0


@dataclasses.dataclass(frozen=True, eq=False)
class Placeholder:
    """A service argument that stands for a value only known when the call runs."""

    name: str

    def __repr__(self) -> str:
        return self.name


# Today where the person is, filled in with the user the session resolves to: a tab's first read needs no
# earlier one to learn their time zone, and no tab reads it from a stale copy.
TODAY = Placeholder("TODAY")


def called(fn: Callable[..., T], db, user: User, args) -> T:
    """`fn(db, user, *args)`, with TODAY filled in."""
    if any(arg is TODAY for arg in args):
        today = local_day(utcnow(), user.time_zone)
        args = [today if arg is TODAY else arg for arg in args]
    return fn(db, user, *args)


@dataclasses.dataclass
class Outcome(Generic[T]):
    value: T | None = None
    field_errors: dict[str, str] = dataclasses.field(default_factory=dict)
    message: str = ""
    signed_out: bool = False
    forbidden: bool = False  # not this person's to see or do (any more)
    changed: Changed | None = None  # someone else saved it first: it now reads so, and nothing was written

    @property
    def ok(self) -> bool:
        return not (self.message or self.field_errors or self.signed_out)


def _call(work: Callable[[], T]) -> Outcome[T]:
    try:
        return Outcome(value=work())
    except SignedOut as refusal:
        return Outcome(message=refusal.message, signed_out=True)
    except InvalidInput as refusal:
        return Outcome(field_errors=refusal.field_errors, message=refusal.message)
    except Conflict as refusal:
        return Outcome(message=refusal.message, changed=refusal.changed)
    except ServiceError as refusal:
        return Outcome(message=refusal.message, forbidden=isinstance(refusal, Forbidden))
    except StaleDataError:  # lost the race to another save twice running: refused all the same
        return Outcome(message=CHANGED, changed=Changed())
    except Exception:  # a person sees a calm message; the log keeps the trace
        log.exception("service call failed")
        return Outcome(message=UNEXPECTED)


@functools.cache
def _pool(purpose: str) -> ThreadPoolExecutor:
    """Threads sized on purpose. SQLite has one writer at a time: several threads only queue
    on its lock and overtake each other, so its work runs on one thread in arrival order.
    Sign-in and sign-up hash passwords (slow by design) on their own threads, so they never
    hold up anyone's page."""
    sqlite = make_url(get_settings().database_url).get_backend_name() == "sqlite"
    size = {"accounts": 2, "data": 1 if sqlite else DATABASE_THREADS}[purpose]
    return ThreadPoolExecutor(max_workers=size, thread_name_prefix=f"magicloop-{purpose}")


async def _run(purpose: str, work: Callable[[], T]) -> Outcome[T]:
    return await asyncio.get_running_loop().run_in_executor(_pool(purpose), _call, work)


async def run_public(fn: Callable[..., T], *args: Any, client: str = "") -> Outcome[T]:
    """`fn(db, *args)` for people who are not signed in yet (signing in or up), from the `client` address.
    Each may hash a password (19 MiB and tens of milliseconds): past a queue of ACCOUNTS_QUEUE, a flood is
    turned away at once instead of making everyone's sign-in wait behind it."""
    global _accounts_queued

    def work() -> T:
        with audit.from_client(client), transaction() as db:
            return fn(db, *args)

    if _accounts_queued >= ACCOUNTS_QUEUE:
        return Outcome(message=BUSY)
    _accounts_queued += 1
    try:
        return await _run("accounts", work)
    finally:
        _accounts_queued -= 1


async def run_for_token(
    token: str, fn: Callable[..., T], *args: Any, write: bool = True, origin: str = "", client: str = ""
) -> Outcome[T]:
    """`fn(db, user, *args)` as the user behind `token`, resolved on the server; `write=False`
    when it only reads, `origin` the tab asking (see `db.transaction`), `client` its address."""

    def attempt(writing: bool) -> T:
        with audit.from_client(client), transaction(write=writing, origin=origin) as db:
            return called(fn, db, resolve_session(db, token), args)

    def work() -> T:
        try:
            return attempt(write)
        except OperationalError as error:
            if write or not is_read_conflict(error):
                raise
            return attempt(True)
        except StaleDataError:
            # Another save changed a row between this one's read and its UPDATE, which matched nothing and
            # rolled back whole. Once more from the top: the service now reads the new version, and refuses
            # a form opened at the old one with the record as it now reads (services/versions.py).
            return attempt(write)

    return await _run("data", work)
