"""An admin reads the security log: who signed in, who failed to, whom they invited — and filters it.
Nobody else can open it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from magicloop.services.accounts import SIGN_IN_FAILED
from tests.browser import assert_accessible, check, invite, join, screenshot, sign_in, sign_up

pytestmark = pytest.mark.e2e


def test_an_admin_reads_and_filters_the_security_log_and_no_one_else_can(new_page) -> None:
    admin = new_page()
    sign_up(admin, "Lima Care", "Lena Admin", "lena@lima.test")
    link = invite(admin, "lou@lima.test")
    lou = new_page()
    join(lou, link, "Lou Pro")
    guesser = new_page()
    sign_in(guesser, "lou@lima.test", "not the right password")
    expect(guesser.get_by_text(SIGN_IN_FAILED).first).to_be_visible()

    admin.goto("/admin")
    admin.get_by_role("link", name="Security log").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Security log")
    log = admin.get_by_role("table")
    for seen in ("Signed up", "Invited", "Joined by invite", "Sign-in failed", "Lou Pro", "lou@lima.test"):
        expect(log).to_contain_text(seen)
    check(admin, "security-log")

    admin.get_by_label("Event").select_option("Sign-in failed")
    admin.get_by_role("button", name="Show").click()
    expect(log.get_by_role("row")).to_have_count(2)  # the header and the one failure
    expect(log).to_contain_text("Lou Pro")

    admin.get_by_label("Event").select_option("Signed up")
    admin.get_by_label("Person").select_option("Lou Pro")
    admin.get_by_role("button", name="Show").click()
    expect(admin.get_by_text("No events match these filters")).to_be_visible()

    admin.get_by_label("From").fill("the day after never")
    admin.get_by_role("button", name="Show").click()
    expect(admin.get_by_text(re.compile("From: enter a date"))).to_be_visible()
    expect(admin.get_by_label("From")).to_have_attribute("aria-invalid", "true")
    assert_accessible(admin, "security log with a refused filter")
    screenshot(admin, "security-log-refused-filter")

    lou.goto("/admin/security-log")
    expect(lou).to_have_url(re.compile(r"/$"))
    expect(lou.get_by_text("Only an organisation admin can open that page.")).to_be_visible()
    expect(lou.get_by_role("table")).to_have_count(0)
