"""The migrations: one head, upgrade from empty, down and up again, and the
models match what the migrations build — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from pytest_alembic.tests import (  # noqa: F401  (collected here, run by pytest)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)

from magicloop.db import make_engine
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
