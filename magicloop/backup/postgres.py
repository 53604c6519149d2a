"""PostgreSQL: `pg_dump` from one snapshot; `pg_restore` and `psql` back in one transaction.

The client tools must be of the server's major version or newer (Debian: postgresql-client).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from magicloop.backup import BackupError, Contents, contents

# Run inside the restore's transaction: what the schema holds goes before the backup's copy comes in.
_EMPTY_SCHEMA = """DO $$ DECLARE statement text; BEGIN
  FOR statement IN
    SELECT format('DROP TABLE IF EXISTS %I.%I CASCADE', schemaname, tablename) FROM pg_tables
      WHERE schemaname = current_schema()
    UNION ALL SELECT format('DROP VIEW IF EXISTS %I.%I CASCADE', schemaname, viewname) FROM pg_views
      WHERE schemaname = current_schema()
    UNION ALL SELECT format('DROP SEQUENCE IF EXISTS %I.%I CASCADE', schemaname, sequencename) FROM pg_sequences
      WHERE schemaname = current_schema()
    UNION ALL SELECT format('DROP TYPE IF EXISTS %I.%I CASCADE', n.nspname, t.typname) FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')
  LOOP EXECUTE statement; END LOOP;
END $$;"""


def _client(url: str) -> tuple[str, dict[str, str]]:
    """The database as the client tools name it, and their environment (the password stays off the command line)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools of the server's version or newer "
            "(Debian: apt-get install postgresql-client)."
        )
    return found


def _failed(name: str, stderr: str) -> BackupError:
    return BackupError(f"{name} failed: {stderr.strip() or 'no reason given'}")


def _engine(url: str):
    return create_engine(url, poolclass=NullPool)


def describe(url: str) -> str:
    parsed = make_url(url)
    return f"the PostgreSQL database {parsed.database} on {parsed.host or 'localhost'}:{parsed.port or 5432}"


def create(url: str, target: Path) -> Contents:
    database, env = _client(url)
    engine = _engine(url)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection, connection.begin():
            # pg_dump reads the snapshot this transaction sees: what is counted here is what is dumped.
            snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
            counted = contents(connection)
            dump = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
            done = subprocess.run(
                [*dump, f"--file={target}", f"--dbname={database}"], env=env, capture_output=True, text=True
            )
            if done.returncode:
                raise _failed("pg_dump", done.stderr)
    finally:
        engine.dispose()
    return counted


def check(path: Path) -> None:
    listed = subprocess.run([_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True)
    if listed.returncode:
        raise BackupError(f"{path} is not a PostgreSQL backup made by pg_dump ({listed.stderr.strip()}).")


def contents_of(url: str) -> Contents:
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            return contents(connection)
    finally:
        engine.dispose()


def restore(url: str, backup: Path) -> Contents:
    database, env = _client(url)
    with tempfile.TemporaryDirectory() as scratch:
        # Unpacked whole first: psql must never commit the first half of an archive that breaks half-way.
        script = Path(scratch) / "restore.sql"
        unpack = [_tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(backup)]
        unpacked = subprocess.run(unpack, capture_output=True, text=True)
        if unpacked.returncode:
            raise _failed("pg_restore", unpacked.stderr)
        load = [_tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction"]
        loaded = subprocess.run(
            [*load, f"--command={_EMPTY_SCHEMA}", f"--file={script}", f"--dbname={database}"],
            env=env,
            capture_output=True,
            text=True,
        )
    if loaded.returncode:
        raise _failed("psql", loaded.stderr)
    return contents_of(url)
