"""An admin builds their organisation in the browser, and bad input is refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import PASSWORD, assert_accessible, invite, newest_toast, screenshot, sign_in, sign_up

pytestmark = pytest.mark.e2e


def test_admin_invites_a_colleague_sets_their_manager_and_signs_out(new_page) -> None:
    admin = new_page()
    sign_up(admin, "Acme Support", "Ada Admin", "ada@acme.test")

    admin.click("#nav-admin")
    expect(admin.get_by_role("heading", name="Admin", exact=True)).to_be_visible()
    invite_url = invite(admin, "Bob@Acme.test ")  # mailed, its link never shown to the admin
    expect(admin.locator("#invite-link")).to_have_count(0)
    assert "/invite?code=" in invite_url

    colleague = new_page(width=390, height=844, timezone_id="Pacific/Auckland")  # a phone, in New Zealand
    colleague.goto(invite_url)
    expect(colleague.locator("#invite-email")).to_have_text("bob@acme.test")
    expect(colleague.get_by_label("Time zone")).to_have_value("Pacific/Auckland")  # the browser's, to start with
    colleague.get_by_label("Time zone").select_option("Europe/Paris")  # moving next month
    colleague.fill("#display_name", "Bob Builder")
    colleague.fill("#password", PASSWORD)
    colleague.fill("#password_confirm", PASSWORD)
    colleague.click("#invite-submit")
    expect(colleague.locator("#dashboard-greeting")).to_contain_text("Bob Builder")
    expect(colleague.locator("#nav-admin")).to_have_count(0)
    screenshot(colleague, "dashboard-phone")
    assert_accessible(colleague, "a new colleague's dashboard on a phone")

    colleague.goto("/settings")
    expect(colleague.get_by_label("Time zone")).to_have_value("Europe/Paris")
    colleague.goto(invite_url)  # the link works once
    expect(colleague.locator("#invite-problem")).to_contain_text("already used")

    revoked = invite(admin, "cy@acme.test")  # sent to the wrong address: taken back before it is used
    row = admin.locator("tr", has_text="cy@acme.test")
    row.get_by_role("button", name="Revoke").click()
    expect(newest_toast(admin)).to_contain_text("Invite revoked")
    expect(row.get_by_role("button", name="Revoke")).to_have_count(0)
    stranger = new_page()
    stranger.goto(revoked)
    expect(stranger.locator("#invite-problem")).to_be_visible()
    expect(stranger.locator("#invite-submit")).to_have_count(0)

    admin.reload()
    expect(admin.locator("#people-table")).to_contain_text("Bob Builder")
    admin.select_option("#line-report", label="Bob Builder")
    admin.select_option("#line-manager", label="Ada Admin")
    admin.click("#line-submit")
    expect(admin.locator("#lines-table")).to_contain_text("Bob Builder")
    expect(admin.locator("#people-table")).to_contain_text("Ada Admin")
    screenshot(admin, "admin")
    assert_accessible(admin, "admin with a reporting line")
    line = admin.locator("#lines-table tr", has_text="Bob Builder")
    # Bob no longer reports to Ada from today. Ada no longer manages anyone, so her tab shows its page anew.
    line.get_by_role("button", name="End").click()
    expect(line.get_by_role("button", name="End")).to_have_count(0)
    expect(line).not_to_contain_text("—")  # the day it ended, where an open line has none
    expect(admin.locator("#nav-team")).to_have_count(0)

    admin.click("#sign-out")
    expect(admin).to_have_url(re.compile(r"/signin/?$"))
    admin.goto("/admin")  # signed out: sent back to sign in
    expect(admin).to_have_url(re.compile(r"/signin/?$"))

    sign_in(admin, "ada@acme.test", "not the right password")
    expect(admin.locator("#password-error")).to_contain_text("don't match")
    expect(admin.locator("#nav-admin")).to_have_count(0)
    sign_in(admin, "ada@acme.test", PASSWORD)
    expect(admin.locator("#dashboard-greeting")).to_contain_text("Ada Admin")


def test_disabled_person_is_signed_out_of_their_open_tab_at_once(new_page) -> None:
    admin = new_page()
    sign_up(admin, "Beta Care", "Cleo Admin", "cleo@beta.test")
    invite_url = invite(admin, "dan@beta.test")

    dan = new_page()
    dan.goto(invite_url)
    dan.fill("#display_name", "Dan Doe")
    dan.fill("#password", PASSWORD)
    dan.fill("#password_confirm", PASSWORD)
    dan.click("#invite-submit")
    expect(dan.locator("#dashboard-greeting")).to_contain_text("Dan Doe")

    admin.reload()
    row = admin.locator("tr", has_text="Dan Doe")
    row.get_by_role("button", name="Disable").click()
    assert_accessible(admin, "the dialog confirming a disable")
    admin.get_by_role("alertdialog").get_by_role("button", name="Disable").click()
    expect(row).to_contain_text("disabled")

    # The open tab is told at once, without a click.
    expect(dan).to_have_url(re.compile(r"/signin/?$"))
    expect(dan.locator("#sign-in-notice")).to_contain_text("disabled")
    sign_in(dan, "dan@beta.test", PASSWORD)
    expect(dan.locator("#password-error")).to_be_visible()

    row.get_by_role("button", name="Enable").click()
    expect(newest_toast(admin)).to_contain_text("Account enabled")
    expect(row).to_contain_text("active")
    sign_in(dan, "dan@beta.test", PASSWORD)
    expect(dan.locator("#dashboard-greeting")).to_contain_text("Dan Doe")


def test_forms_refuse_bad_input_beside_the_field(new_page) -> None:
    page = new_page()
    page.goto("/signup")
    page.click("#sign-up-submit")
    for field in ("organisation", "display_name", "email", "password"):
        expect(page.locator(f"#{field}-error")).to_be_visible()
    page.fill("#organisation", "x" * 121)
    page.fill("#display_name", "Erin")
    page.fill("#email", "not-an-email")
    page.fill("#password", "password1234")
    page.fill("#password_confirm", "password1234")
    page.click("#sign-up-submit")
    expect(page.locator("#organisation-error")).to_contain_text("at most 120")
    expect(page.locator("#email-error")).to_contain_text("like name@example.com")
    expect(page.locator("#password-error")).to_contain_text("too common")
    screenshot(page, "sign-up-errors")
    assert_accessible(page, "sign up with its errors")
    sign_in(page, "", "")
    expect(page.locator("#password-error")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/signin/?$"))

    sign_up(page, "Gamma Help", "Fay Admin", "fay@gamma.test")
    page.goto("/settings")
    page.fill("#display_name", "")
    page.click("#profile-submit")
    expect(page.locator("#display_name-error")).to_contain_text("required")
    page.fill("#current_password", "wrong wrong wrong")
    page.fill("#new_password", "short")
    page.fill("#password_confirm", "short")
    page.click("#password-submit")
    expect(page.locator("#current_password-error")).to_be_visible()
    expect(page.locator("#new_password-error")).to_contain_text("at least 12")
    page.goto("/")
    expect(page.locator("#dashboard-greeting")).to_contain_text("Fay Admin")  # nothing changed

    page.goto("/admin")
    page.fill("#invite-email-input", "nobody")
    page.click("#new-invite-submit")
    expect(page.locator("#invite-email-input-error")).to_contain_text("like name@example.com")
    page.click("#line-submit")
    expect(page.locator("#line-starts-on-error, #line-report-error, #line-manager-error").first).to_be_visible()
