"""Alembic environment: Magic Loop's own metadata and database URL."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from magicloop.config import get_settings
from magicloop.db import make_engine
from magicloop.models import metadata

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run_migrations_offline() -> None:
    context.configure(
        url=get_settings().database_url,
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")  # handed in by the migration tests
    if isinstance(connectable, Connection):
        _run(connectable)
        return
    engine = connectable or make_engine(get_settings().database_url)
    with engine.connect() as connection:
        _run(connection)
    if connectable is None:
        engine.dispose()


def _run(connection: Connection) -> None:
    """Every pending migration in one transaction: a failure leaves the database as it was."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(connection, "OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,  # SQLite alters tables by copying them
            compare_type=True,
            transactional_ddl=True,  # SQLite's DDL is transactional too; Alembic assumes not
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
                raise RuntimeError(f"the migrations left rows pointing at nothing (table, row, parent): {broken}")
    finally:
        if sqlite:
            _sqlite_foreign_keys(connection, "ON")


def _sqlite_foreign_keys(connection: Connection, state: str) -> None:
    """SQLite copies a table to alter it, and dropping the old copy with foreign keys on would delete
    the rows that point at it (ON DELETE CASCADE): they are off while migrating, and checked at the end.
    The pragma only works outside a transaction, so it goes to the driver's connection."""
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys={state}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
