"""The app scaled out: PostgreSQL, Redis for UI state, several backend workers.

A change made through one worker reaches the tabs held by the others: after the
commit it is published on Redis, and every worker hands it to its own tabs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis
from playwright.sync_api import expect

from tests import throwaway_database
from tests.browser import invite, join, log_ask_on_reports_loop, running_app, set_manager, sign_up, start_loop
from tests.conftest import PG_URL

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="needs the PostgreSQL server that TEST_DATABASE_URL names"),
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    ui_state = redis.Redis.from_url(REDIS_URL)
    ui_state.ping()
    database = throwaway_database.create()
    try:
        with running_app(
            tmp_path_factory.mktemp("workers-data"), "workers-app", DATABASE_URL=database, REFLEX_REDIS_URL=REDIS_URL
        ) as url:
            yield url
    finally:
        throwaway_database.drop(database)
        ui_state.flushdb()  # the tabs' states would otherwise stay for an hour on the machine's Redis


def test_a_notification_reaches_a_tab_held_by_another_worker(new_page, app_url) -> None:
    manager = new_page()
    sign_up(manager, "Foxtrot Help", "Faye Manager", "faye@foxtrot.test")
    link = invite(manager, "gus@foxtrot.test")
    pro = new_page()
    join(pro, link, "Gus Pro")
    set_manager(manager, "Gus Pro", "Faye Manager")
    start_loop(pro, "Lead the quarterly NPS programme")
    extra_tabs = [pro.context.new_page() for _ in range(5)]  # more connections, spread over the workers
    for tab in extra_tabs:
        tab.goto("/")
    loop_tab = pro.context.new_page()
    loop_tab.goto("/loop")
    loop_tab.click("#stage-tab-2")
    expect(loop_tab.locator("#asks-empty")).to_be_visible()
    pro.goto("/")

    log_ask_on_reports_loop(manager, "Own the weekly CSAT read-out")

    for tab in [pro, loop_tab, *extra_tabs]:
        expect(tab.locator("#unread-count")).to_have_text("1")
    expect(loop_tab.locator("#asks")).to_contain_text("Own the weekly CSAT read-out")  # without a reload
    pro.click("#nav-notifications")
    expect(pro.locator("#notifications")).to_contain_text("Faye Manager logged an ask")
