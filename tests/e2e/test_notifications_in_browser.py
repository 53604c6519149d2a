"""The notification inbox: a page at a time, newest first; all marked read at once; each opens what it is about."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import Engine
from sqlmodel import select

from magicloop.db import transaction
from magicloop.models import User
from magicloop.services.notifications import PAGE_SIZE, notify
from tests.browser import newest_toast, sign_up

pytestmark = pytest.mark.e2e
COUNT = PAGE_SIZE + 5


def notification(page, n: int):
    return page.get_by_role("button", name=re.compile(f"Reminder {n:02d} of the week"))


def test_a_person_pages_through_their_notifications_marks_them_read_and_opens_one(
    new_page, app_database: Engine
) -> None:
    nia = new_page()
    sign_up(nia, "Nova Care", "Nia Admin", "nia@nova.test")
    nia.goto("/notifications")
    expect(nia.locator("#notifications-empty")).to_be_visible()
    expect(nia.get_by_role("button", name="Older")).to_have_count(0)  # one page: nothing to page through

    with transaction(app_database) as db:  # weeks of them, as no click in one test can make
        me = db.exec(select(User).where(User.email == "nia@nova.test")).one()
        for n in range(1, COUNT + 1):
            notify(db, me.id, "reminder", f"Reminder {n:02d} of the week", "/settings")
    # Written past the app, they reach no open tab: a new one reads them, as a tab opened days later would.
    nia = nia.context.new_page()
    nia.goto("/notifications")

    expect(notification(nia, COUNT)).to_be_visible()  # the newest first
    expect(nia.locator("#notifications").get_by_role("button")).to_have_count(PAGE_SIZE)
    expect(notification(nia, 5)).to_have_count(0)
    expect(nia.get_by_role("button", name="Newer")).to_be_disabled()
    nia.get_by_role("button", name="Older").click()
    expect(notification(nia, 5)).to_be_visible()
    expect(nia.locator("#notifications").get_by_role("button")).to_have_count(5)
    expect(nia.get_by_role("button", name="Older")).to_be_disabled()
    nia.get_by_role("button", name="Newer").click()
    expect(notification(nia, COUNT)).to_be_visible()

    expect(nia.get_by_role("link", name=f"Notifications, {COUNT} unread")).to_be_visible()
    nia.get_by_role("button", name="Mark all as read").click()
    expect(newest_toast(nia)).to_contain_text("All caught up")
    expect(nia.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(nia.locator("#notifications").get_by_text("Unread:")).to_have_count(0)

    notification(nia, COUNT).click()
    expect(nia).to_have_url(re.compile(r"/settings$"))
