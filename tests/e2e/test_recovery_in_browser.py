"""Accounts that can be recovered, in the browser: a forgotten password reset by a mailed link, an admin's
reset link, making an admin and stepping down, a new email confirmed from the new address, and ending
the sessions one doesn't recognise."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import PASSWORD, assert_accessible, check, invite, join, sign_in, sign_up
from tests.mail import mailed, mailed_link

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "harbour kettle saffron 58"
SIGN_IN_PAGE = re.compile(r"/signin/?$")


def ask_for_a_link(page: Page, email: str) -> None:
    page.goto("/signin")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()


def confirm(page: Page, button: str, confirm_label: str) -> None:
    """Click a button that asks first, look at the question, and say yes."""
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    assert_accessible(page, f"the question before {button!r}")
    dialog.get_by_role("button", name=confirm_label, exact=True).click()
    expect(dialog).to_have_count(0)


def test_a_forgotten_password_is_reset_from_the_sign_in_page_and_every_session_ends(new_page, app_mail) -> None:
    elsewhere = new_page()
    sign_up(elsewhere, "Papa Care", "Pia Papa", "pia@papa.test")

    stranger = new_page()
    ask_for_a_link(stranger, "nobody@papa.test")  # the same answer for an address with no account
    check(stranger, "forgot-password-sent")

    page = new_page()
    ask_for_a_link(page, "Pia@Papa.test")
    link = mailed_link(app_mail, "pia@papa.test", "Reset your Magic Loop password")
    assert "/reset?code=" in link
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    expect(page.get_by_text("pia@papa.test")).to_be_visible()
    check(page, "reset-password")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Repeat the new password").fill("short")
    page.get_by_role("button", name="Set new password").click()
    expect(page.locator("#password-error")).to_contain_text("at least 12 characters")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(page).to_have_url(SIGN_IN_PAGE)
    expect(page.locator("#sign-in-notice")).to_contain_text("Your password was changed")

    elsewhere.goto("/settings")  # the session signed in before the reset ended with it
    expect(elsewhere).to_have_url(SIGN_IN_PAGE)

    page.goto(link)  # the link works once
    expect(page.get_by_role("heading", name="This link can't be used")).to_be_visible()
    expect(page.locator("#link-problem")).to_contain_text("already used")
    check(page, "reset-link-used")

    sign_in(page, "pia@papa.test", PASSWORD)
    expect(page.locator("#password-error")).to_contain_text("don't match")
    sign_in(page, "pia@papa.test", NEW_PASSWORD)
    expect(page.locator("#dashboard-greeting")).to_contain_text("Pia Papa")


def test_an_admin_sends_a_reset_link_makes_an_admin_and_steps_down_but_never_leaves_none(new_page, app_mail) -> None:
    admin = new_page()
    sign_up(admin, "Quebec Care", "Quinn Admin", "quinn@quebec.test")
    colleague = new_page()
    join(colleague, invite(admin, "quade@quebec.test"), "Quade Colleague")
    admin_link = colleague.get_by_role("navigation", name="Main").get_by_role("link", name="Admin")
    expect(admin_link).to_have_count(0)

    admin.goto("/admin")
    expect(admin.locator("#people-table")).to_contain_text("Quade Colleague")
    confirm(admin, "Send Quade Colleague a password reset link", "Send reset link")
    expect(admin.get_by_text("Reset link mailed to Quade Colleague")).to_be_visible()
    assert "Quinn Admin, your organisation's admin" in mailed(app_mail, "quade@quebec.test", "Reset your")

    confirm(admin, "Make Quade Colleague an admin", "Make admin")
    expect(admin.get_by_text("Quade Colleague is now an admin")).to_be_visible()
    check(admin, "admin-two-admins")
    expect(admin_link).to_be_visible()  # in their open tab, without a reload

    confirm(admin, "Step down as admin", "Step down as admin")
    expect(admin.locator("#dashboard-greeting")).to_contain_text("Quinn Admin")
    expect(admin.locator("#nav-admin")).to_have_count(0)

    admin_link.click()  # now the only admin: stepping down is refused
    expect(colleague.get_by_role("heading", name="Admin", exact=True)).to_be_visible()
    confirm(colleague, "Step down as admin", "Step down as admin")
    expect(colleague.get_by_text("The organisation needs an admin")).to_be_visible()
    colleague.reload()
    expect(colleague.get_by_role("heading", name="Admin", exact=True)).to_be_visible()


def test_a_new_email_is_confirmed_from_the_new_address_and_other_sessions_are_ended(new_page, app_mail) -> None:
    page = new_page()
    sign_up(page, "Uniform Care", "Remy Uniform", "remy@uniform.test")
    laptop, phone = new_page(), new_page()
    for other in (laptop, phone):
        sign_in(other, "remy@uniform.test", PASSWORD)
        expect(other.locator("#dashboard-greeting")).to_contain_text("Remy Uniform")

    page.goto("/settings")
    sessions = page.locator("#sessions-table")
    expect(sessions.locator("tbody tr")).to_have_count(3)
    expect(sessions.locator("tbody tr").first).to_contain_text("this session")
    expect(sessions).to_contain_text("Chrome on Linux")
    check(page, "settings-with-sessions")

    page.get_by_label("New email").fill("remy@whiskey.test")
    page.get_by_label("Your password", exact=True).fill("not my password at all")
    page.get_by_role("button", name="Send a confirmation link").click()
    expect(page.locator("#email-current-password-error")).to_contain_text("isn't your current password")
    page.get_by_label("Your password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Send a confirmation link").click()
    expect(page.locator("#email-sent")).to_contain_text("remy@whiskey.test")
    expect(page.locator("#current-email")).to_have_text("remy@uniform.test")  # not until confirmed

    confirmation = mailed_link(app_mail, "remy@whiskey.test", "Confirm your new Magic Loop email")
    page.goto(confirmation)
    expect(page.get_by_role("heading", name="Confirm your new email")).to_be_visible()
    check(page, "confirm-email")
    page.get_by_role("button", name="Use this address").click()
    expect(page.locator("#dashboard-greeting")).to_contain_text("Remy Uniform")
    assert "now uses remy@whiskey.test" in mailed(app_mail, "remy@uniform.test", "Your Magic Loop email was changed")
    page.goto("/settings")
    expect(page.locator("#current-email")).to_have_text("remy@whiskey.test")

    rows = page.locator("#sessions-table tbody tr")
    rows.nth(1).get_by_role("button", name=re.compile("^End the session on")).click()
    page.get_by_role("alertdialog").get_by_role("button", name="End", exact=True).click()
    expect(rows).to_have_count(2)
    confirm(page, "Sign out everywhere else", "Sign out everywhere else")
    expect(rows).to_have_count(1)
    for other in (laptop, phone):
        other.goto("/settings")
        expect(other).to_have_url(SIGN_IN_PAGE)
    page.reload()
    expect(page.locator("#current-email")).to_have_text("remy@whiskey.test")  # this session stays


def fill_sign_up(page: Page, organisation: str, email: str) -> None:
    page.goto("/signup")
    page.get_by_label("Organisation name").fill(organisation)
    page.get_by_label("Your name").fill("Sam Victor")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create organisation").click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()


def test_sign_up_and_invites_answer_alike_whether_or_not_an_address_has_an_account(new_page, app_mail) -> None:
    page = new_page()
    fill_sign_up(page, "Victor Care", "sam@victor.test")
    check(page, "sign-up-mailed")
    link = mailed_link(app_mail, "sam@victor.test", "Confirm your Magic Loop organisation Victor Care")
    page.goto(link)
    expect(page.locator("#pending-organisation")).to_have_text("Victor Care")
    check(page, "confirm-sign-up")
    page.get_by_role("button", name="Create organisation").click()
    expect(page.locator("#dashboard-greeting")).to_contain_text("Sam Victor")

    again = new_page()
    fill_sign_up(again, "Victor Again", "sam@victor.test")  # the same answer as for a new address
    note = mailed(app_mail, "sam@victor.test", "Someone tried to sign up")
    assert "already has an account" in note and "code=" not in note
    again.goto(link)  # the confirmation link works once
    expect(again.locator("#link-problem")).to_contain_text("already used")

    sign_up(new_page(), "Victor Two", "Tia Two", "tia@victor.test")
    page.goto("/admin")  # inviting an address that has an account elsewhere: invited, like anyone
    page.get_by_label("Email").fill("tia@victor.test")
    page.get_by_role("button", name="Create invite").click()
    expect(page.locator("#invite-mailed")).to_contain_text("tia@victor.test")
    expect(page.locator("#invites-table")).to_contain_text("tia@victor.test")
    assert "already has a Magic Loop account" in mailed(app_mail, "tia@victor.test", "Join Victor Care")


def test_a_form_waits_for_its_page_to_be_ready_so_an_early_answer_is_not_wiped(new_page, app_mail) -> None:
    """The sign-up page's on_load clears the form's last answer, so a submit sent before it ran was answered
    and then wiped, leaving an empty form. Holding back the app's replies keeps the page from being ready."""
    page = new_page()
    replies: dict = {"holding": True, "held": []}

    def hold_replies(ws) -> None:
        server = ws.connect_to_server()
        replies["page"] = ws
        server.on_message(lambda message: replies["held"].append(message) if replies["holding"] else ws.send(message))

    page.route_web_socket(re.compile(r"/_event"), hold_replies)
    page.goto("/signup")
    page.get_by_label("Organisation name").fill("Xray Care")
    page.get_by_label("Your name").fill("Sam Xray")
    page.get_by_label("Email").fill("sam@xray.test")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    submit = page.get_by_role("button", name="Create organisation")
    expect(submit).to_be_disabled()

    while replies["held"]:  # in order: a reply arriving while one is passed on joins the queue
        replies["page"].send(replies["held"].pop(0))
    replies["holding"] = False
    submit.click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()
    assert mailed_link(app_mail, "sam@xray.test", "Confirm your Magic Loop organisation Xray Care")
