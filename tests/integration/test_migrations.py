"""The migrations: one head, upgrade from empty, down and up again, and the
models match what the migrations build — on SQLite and PostgreSQL; and on populated
data: rows in every table at the first revision survive every migration, down and up
again, and rows in every table at head go down to base and up again."""

from __future__ import annotations

import pytest
from pytest_alembic.tests import (  # noqa: F401  (collected here, run by pytest)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import inspect

from magicloop.db import make_engine
from magicloop.models import metadata
from tests import every_table
from tests.conftest import PG_URL


@pytest.fixture
def alembic_engine(backend: str, tmp_path):
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
    else:
        engine = make_engine(PG_URL)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    yield engine
    engine.dispose()


def _rows(engine) -> every_table.Rows:
    with engine.connect() as connection:
        return every_table.rows(connection)


def test_rows_of_the_first_revision_survive_upgrade_downgrade_and_upgrade_again(alembic_runner, alembic_engine):
    first = alembic_runner.history.revisions[1]
    alembic_runner.migrate_up_to(first)
    with alembic_engine.begin() as connection:
        every_table.fill(connection)
    at_first = _rows(alembic_engine)
    assert at_first and all(at_first.values()), "a table without rows proves nothing"

    alembic_runner.migrate_up_to("heads")
    at_head = _rows(alembic_engine)
    assert every_table.lost(at_first, at_head) == []

    alembic_runner.migrate_down_to(first)
    assert _rows(alembic_engine) == at_first, "down again, the rows are as they were"
    alembic_runner.migrate_up_to("heads")
    assert _rows(alembic_engine) == at_head, "up again, the rows are as the first upgrade left them"


def test_rows_in_every_table_at_head_go_down_to_base_and_up_again(alembic_runner, alembic_engine):
    alembic_runner.migrate_up_to("heads")
    with alembic_engine.begin() as connection:
        every_table.fill(connection)
    assert all(_rows(alembic_engine).values())

    alembic_runner.migrate_down_to("base")
    assert _rows(alembic_engine) == {}, "tables left behind at base"
    alembic_runner.migrate_up_to("heads")
    assert set(_rows(alembic_engine)) == {table.name for table in metadata.sorted_tables}


VERSIONS = "5cf2edd30168"  # a version on every row people edit
EXISTING = (  # a loop already in use when the version column arrives
    "INSERT INTO organisation (name, created_at) VALUES ('Acme Support', '2026-11-22 09:00:00')",
    'INSERT INTO "user" (organisation_id, email, display_name, time_zone, password_hash, is_admin, advanced_mode,'
    " created_at) SELECT id, 'ada@acme.test', 'Ada', 'UTC', '-', false, false, created_at FROM organisation",
    "INSERT INTO loop (owner_id, number, goal, target_role, stage, started_at, retrospective_moved,"
    " retrospective_stalled) SELECT id, 1, 'Lead VoC', '', 1, created_at, '', '' FROM \"user\"",
    "INSERT INTO privatenote (loop_id, body, created_at, updated_at) SELECT id, 'Ask Sam', started_at, started_at"
    " FROM loop",
)


def test_rows_already_there_start_at_version_one_and_going_down_drops_it(alembic_runner, alembic_engine):
    alembic_runner.migrate_up_before(VERSIONS)
    try:
        with alembic_engine.begin() as connection:
            for statement in EXISTING:
                connection.exec_driver_sql(statement)
        alembic_runner.migrate_up_one()
        with alembic_engine.connect() as connection:
            versions = [
                connection.exec_driver_sql(f"SELECT version FROM {t}").scalar_one() for t in ("loop", "privatenote")
            ]
        assert versions == [1, 1]
        alembic_runner.migrate_down_one()
        assert "version" not in {column["name"] for column in inspect(alembic_engine).get_columns("loop")}
    finally:  # as the other tests here leave it, at head with nothing in it: on PostgreSQL later tests use it
        alembic_runner.migrate_down_to("base")
        alembic_runner.migrate_up_to("heads")
