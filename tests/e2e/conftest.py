"""Browser tests: the production build on the embedded default (SQLite,
in-process state), started once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import running_app


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("e2e-data"), "e2e-app") as url:
        yield url
