"""Browser tests: the production build on the embedded default (SQLite,
in-process state), started once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from magicloop.db import make_engine
from tests.browser import running_app
from tests.conftest import Inbox
from tests.mail import mail_sink


@pytest.fixture(scope="session")
def app_data(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def app_mail() -> Iterator[Inbox]:
    """What the app mailed: a mail server in this process that the app's outbox sends to."""
    with mail_sink(Inbox()) as inbox:
        yield inbox


@pytest.fixture(scope="session")
def app_url(app_data: Path, app_mail: Inbox) -> Iterator[str]:
    with running_app(app_data, "e2e-app", mail=app_mail) as url:
        yield url


@pytest.fixture
def app_database(app_url: str, app_data: Path) -> Iterator[Engine]:
    """The running app's own database, for a test that puts months of history in place before it looks: what
    happened in earlier quarters cannot be clicked into being today."""
    engine = make_engine(f"sqlite:///{app_data / 'app.db'}")
    yield engine
    engine.dispose()
