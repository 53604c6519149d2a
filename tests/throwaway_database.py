"""A PostgreSQL database that lives for one test run.

`python -m tests.throwaway_database create` prints its URL (exit 1 when no
server answers); `... drop URL` removes it.
"""

from __future__ import annotations

import os
import secrets
import sys

import psycopg
from psycopg import sql

SERVER = os.environ.get("TEST_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")


def _admin() -> psycopg.Connection:
    return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)


def create() -> str:
    name = f"magicloop_test_{secrets.token_hex(4)}"
    with _admin() as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = SERVER.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}"


def drop(url: str) -> None:
    name = url.rsplit("/", 1)[-1]
    if not name.startswith("magicloop_test_"):
        raise SystemExit(f"refusing to drop {name!r}: not a throwaway test database")
    with _admin() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["create"]:
        try:
            print(create())
        except psycopg.OperationalError:
            sys.exit(1)
    elif sys.argv[1:2] == ["drop"] and len(sys.argv) == 3:
        drop(sys.argv[2])
    else:
        sys.exit("usage: python -m tests.throwaway_database create | drop URL")
