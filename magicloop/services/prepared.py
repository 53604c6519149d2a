"""Statements built once, for the queries that run on every event or page load.

SQLAlchemy keeps a statement's compiled SQL, but the statement object, and the cache key that finds
that SQL, are built afresh each time the code that writes them runs: for a short query on SQLite that
costs as much as running it. A `built_once` statement takes its values as named parameters
(`sqlalchemy.bindparam`) and runs as `db.exec(statement(), params={...})`. A statement is immutable, so
one shared by several threads is safe.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

S = TypeVar("S")


def built_once(build: Callable[..., S]) -> Callable[..., S]:
    """`build(*args)` on first use, the same statement afterwards (per `args`: flags, models, other statements
    built once). Bounded, so that an argument built afresh on every call could not grow it without end."""
    return functools.lru_cache(maxsize=64)(build)
