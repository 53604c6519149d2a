"""Every page, dialog and toast passes axe-core with nothing serious or critical, on a desktop and on a phone.

Four people — an admin, a manager, a professional and a mentor — fill the app with enough to show every
kind of row, card and form; each page is checked as the people who see it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import PHONE, assert_accessible, check, invite, join, set_manager, sign_up

pytestmark = pytest.mark.e2e

STAGES = ("Reflect", "Ask how to help", "Implement", "Ask how to grow", "Do as recommended")


def go_to(page: Page, link: str, heading: str | re.Pattern) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def open_stage(page: Page, number: int) -> None:
    page.get_by_role("navigation", name="Loop stages").get_by_role("button", name=STAGES[number - 1]).click()
    expect(page.get_by_role("heading", level=2, name=f"Stage {number}:")).to_be_visible()


def rate(page: Page, form: str, *scores: int) -> None:
    """The first competencies of the form, in order."""
    groups = page.locator(f"#{form} [role=radiogroup]")
    for n, score in enumerate(scores):
        groups.nth(n).get_by_role("radio", name=str(score)).click()


def test_every_page_dialog_and_toast_is_accessible(new_page) -> None:
    admin = new_page()
    admin.goto("/signin")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Sign in")
    check(admin, "sign-in")
    admin.get_by_role("link", name="Create an organisation").click()
    admin.get_by_role("button", name="Create organisation").click()
    expect(admin.get_by_role("alert").first).to_be_visible()
    check(admin, "sign-up-with-errors")

    sign_up(admin, "Kappa Care", "Ada Admin", "ada@kappa.test")
    expect(admin.get_by_role("link", name="Start your first loop")).to_be_visible()
    check(admin, "dashboard-before-a-loop")
    manager_link, pro_link, mentor_link = (invite(admin, f"{who}@kappa.test") for who in ("max", "pat", "mia"))
    manager, pro, mentor = new_page(), new_page(), new_page(**PHONE)
    mentor.goto(mentor_link)
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Join your team")
    check(mentor, "invite")
    join(mentor, mentor_link, "Mia Mentor")
    join(manager, manager_link, "Max Manager")
    join(pro, pro_link, "Pat Pro")
    set_manager(admin, "Pat Pro", "Max Manager")
    check(admin, "admin")

    # The professional: advanced mode, a mentor, a loop with a self-assessment and an idea.
    go_to(pro, "Settings", "Settings")
    pro.get_by_label("Advanced mode", exact=False).click()
    pro.get_by_role("button", name="Save profile").click()
    expect(pro.get_by_text("Profile saved")).to_be_visible()
    assert_accessible(pro, "a toast")
    pro.get_by_label("Colleague's email").fill("mia@kappa.test")
    pro.get_by_role("button", name="Grant access").click()
    expect(pro.get_by_role("table").filter(has_text="Mentor")).to_contain_text("Mia Mentor")
    check(pro, "settings")
    go_to(pro, "Dashboard", re.compile("Pat Pro"))
    pro.get_by_role("link", name="Start your first loop").click()
    expect(pro.get_by_label("Career goal")).to_be_visible()
    check(pro, "loop-start")
    pro.get_by_label("Career goal").fill("Lead our VoC programme by Q3")
    pro.get_by_role("button", name="Start my loop").click()
    expect(pro.get_by_role("heading", level=1)).to_have_text("Loop 1")
    rate(pro, "assessment-form", 3, 4, 2)
    pro.get_by_role("button", name="Save self-assessment").click()
    expect(pro.get_by_text("Self-assessment saved")).to_be_visible()
    pro.get_by_label("Step", exact=True).fill("Interview five customers about onboarding")
    pro.get_by_label("Target date", exact=True).fill("in 3 weeks")
    pro.get_by_role("button", name="Add step").click()
    expect(pro.locator("#action-steps")).to_contain_text("Interview five customers")
    pro.get_by_role("button", name="Move on to stage 2").click()
    expect(pro.get_by_role("heading", level=2, name="Stage 2:")).to_be_visible()
    pro.get_by_label("Your idea").fill("I could run a customer-centric culture pulse with the team — would that help?")
    pro.get_by_role("button", name="Suggest to my manager").click()
    expect(pro.locator("#ideas")).to_contain_text("Pending")
    pro.get_by_role("button", name="Move on to stage 3").click()  # with the idea pending, it asks first
    expect(pro.get_by_role("alertdialog")).to_be_visible()
    check(pro, "move-stage-dialog")
    pro.get_by_role("alertdialog").get_by_role("button", name="Stay here").click()
    go_to(pro, "Dashboard", re.compile("Pat Pro"))

    # The manager: the team, then every stage of the report's loop, coaching as they go.
    go_to(manager, "Team", "Your team")
    expect(manager.get_by_role("heading", level=2, name="Pat Pro")).to_be_visible()
    check(manager, "team")
    manager.get_by_role("link", name="Open their loop").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Loop 1")
    open_stage(manager, 1)
    rate(manager, "manager-rating-form", 4, 4, 3)
    manager.get_by_role("button", name="Save my ratings").click()
    expect(manager.locator("#gap-view")).to_be_visible()
    check(manager, "loop-manager-stage-1")
    open_stage(manager, 2)
    manager.get_by_label("What you ask").fill("Own the monthly CSAT read-out")
    manager.get_by_role("button", name="Log the ask").click()
    expect(manager.locator("#asks")).to_contain_text("CSAT read-out")
    check(manager, "loop-manager-stage-2")
    open_stage(manager, 3)
    check(manager, "loop-manager-stage-3")
    open_stage(manager, 4)
    manager.get_by_label("The gaps you named").fill("Business cases")
    manager.get_by_role("button", name="Record the conversation").click()
    expect(manager.locator("#conversations")).to_contain_text("Business cases")
    check(manager, "loop-manager-stage-4")
    open_stage(manager, 5)
    manager.get_by_label("Recommended step").fill("Present the read-out to the leadership team")
    manager.get_by_role("button", name="Add recommendation").click()
    expect(manager.locator("#recommendations")).to_contain_text("Present the read-out")
    # From the keyboard: the button sits under the toasts (top right), which take a click and, hovered, stay.
    manager.get_by_role("button", name="Loop discussion").press("Enter")
    manager.get_by_label("Comment", exact=True).fill("Great start — keep the read-out short.")
    manager.get_by_role("button", name="Post").click()
    expect(manager.get_by_role("dialog")).to_contain_text("Awaiting reply")
    # The professional hears of it live; the toast stays for a few seconds only, so look now.
    expect(pro.get_by_text("You have a new notification")).to_be_visible()
    assert_accessible(pro, "the new-notification toast")
    check(manager, "comments-dialog")
    manager.get_by_role("button", name="Close", exact=True).click()
    check(manager, "loop-manager-stage-5")

    # The professional reads the inbox and works through every stage.
    expect(pro.get_by_role("link", name=re.compile(r"Notifications, \d+ unread"))).to_be_visible()
    expect(pro.get_by_role("heading", level=2, name="Your Magic Loop")).to_be_visible()
    check(pro, "dashboard")
    pro.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(pro.get_by_role("button", name=re.compile("Max Manager logged an ask"))).to_be_visible()
    check(pro, "notifications")
    go_to(pro, "My loop", "Loop 1")
    for number in range(1, 6):
        open_stage(pro, number)
        check(pro, f"loop-owner-stage-{number}")
    open_stage(pro, 3)
    pro.locator("#asks").get_by_role("button", name="Update progress").click()
    expect(pro.get_by_role("dialog")).to_be_visible()
    check(pro, "progress-dialog")

    # The mentor follows on a phone.
    mentor.reload()
    go_to(mentor, "Mentees", "Your mentees")
    expect(mentor.get_by_role("heading", level=2, name="Pat Pro")).to_be_visible()
    check(mentor, "mentees")
    mentor.get_by_role("link", name="Progress timeline").click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Pat Pro's progress")
    expect(mentor.get_by_text("Ask logged: Own the monthly CSAT read-out")).to_be_visible()
    check(mentor, "progress-timeline")
