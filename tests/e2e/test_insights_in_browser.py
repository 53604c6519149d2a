"""Insights in the browser: every chart with nothing to draw (saying what fills it) and with two years of
history (its numbers a click away as a table), a quarterly review written and signed from both sides, and
axe on each page at desktop and phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from magicloop.models import utcnow
from magicloop.services.quarters import review_due
from tests.browser import PHONE, check, invite, join, set_manager, sign_up
from tests.e2e.history import seed_colleagues, seed_history

pytestmark = pytest.mark.e2e

PERSONAL_PICTURES = ("success-index", "closure", "loop-history", "ratings", "readiness")


def team_of_three(domain: str, organisation: str, new_page) -> tuple[Page, Page, Page]:
    """An admin, a manager and a professional who reports to them."""
    admin = new_page()
    sign_up(admin, organisation, "Jo Admin", f"jo@{domain}")
    manager_link, pro_link = invite(admin, f"max@{domain}"), invite(admin, f"pat@{domain}")
    manager, pro = new_page(), new_page()
    join(manager, manager_link, "Max Manager")
    join(pro, pro_link, "Pat Pro")
    set_manager(admin, "Pat Pro", "Max Manager")
    return admin, manager, pro


def go(page: Page, link: str, heading: str | re.Pattern) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=link, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def show_numbers(page: Page, title: str) -> None:
    """Opens a chart's table, which is its alternative for screen readers."""
    page.get_by_text(f"{title}: the numbers as a table").click()


def test_every_chart_empty_then_with_two_years_of_history(new_page, app_database) -> None:
    admin, manager, pro = team_of_three("juliet.test", "Juliet CX", new_page)

    # Nothing yet: each picture says what would fill it.
    go(pro, "Insights", "Your insights")
    for picture in PERSONAL_PICTURES:
        expect(pro.locator(f"#{picture}-empty")).to_be_visible()
    check(pro, "insights-empty")
    pro.get_by_role("link", name="This quarter's review").click()
    expect(pro.get_by_role("heading", level=1)).to_contain_text("Quarterly review")
    for picture in ("success-index", "loop-history", "ratings"):
        expect(pro.locator(f"#{picture}-empty")).to_be_visible()
    expect(pro.locator("#review-closure")).to_contain_text("No asks or recommendations were given in this quarter.")
    check(pro, "review-empty")
    go(manager, "Team", "Your team")
    expect(manager.locator("#team-closure-empty")).to_be_visible()
    manager.get_by_role("link", name="Progress timeline").click()
    expect(manager.locator("#progress-chart-empty")).to_be_visible()
    check(manager, "progress-empty")
    go(admin, "Admin", "Admin")
    admin.get_by_role("link", name="Organisation insights").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Organisation insights")
    expect(admin.locator("#org-stages-empty")).to_be_visible()
    expect(admin.locator("#org-index-empty")).to_be_visible()
    expect(admin.locator("#org-closure")).to_have_text("Hidden: fewer than 3 people")
    check(admin, "organisation-insights-empty")

    seeded = seed_history(app_database, "pat@juliet.test", "max@juliet.test")
    seed_colleagues(app_database, "pat@juliet.test", 3)

    # The professional: every picture drawn, its numbers a click away.
    pro.goto("/insights")
    expect(pro.get_by_role("heading", level=1)).to_have_text("Your insights")
    for picture in PERSONAL_PICTURES:
        expect(pro.locator(f"#{picture} .recharts-surface").first).to_be_visible()
    show_numbers(pro, "Success Index")
    expect(pro.locator("#success-index-table")).to_contain_text(seeded.last_quarter.label)
    expect(pro.locator("#index-so-far")).to_contain_text("index so far")
    expect(pro.locator("#index-items")).to_contain_text(seeded.running)
    # The items behind last quarter's number: on time, late, not delivered.
    pro.get_by_role("group", name="Show the items behind a quarter's index").get_by_role(
        "button", name=re.compile(seeded.last_quarter.label)
    ).click()
    expect(pro.locator("#index-shown")).to_have_text(f"{seeded.last_quarter.label}: 50 %")
    items = pro.locator("#index-items")
    for what, result in ((seeded.on_time, "On time"), (seeded.late, "Late"), (seeded.missed, "Not delivered")):
        expect(items.get_by_role("row", name=re.compile(what))).to_contain_text(result)
    for title, shown in (
        ("Feedback closure over the last year", "Quarter"),
        ("Loop history", "Loop goal 2"),
        ("Competencies, this loop against the one before", "Customer research and surveys"),
        ("Readiness over loops", "Loop 3"),
    ):
        show_numbers(pro, title)
        expect(pro.get_by_role("table").filter(has_text=shown).first).to_be_visible()
    check(pro, "insights")
    items.get_by_role("link", name=seeded.late).click()  # an item is a click away on its loop
    expect(pro.get_by_role("heading", level=1)).to_have_text("Loop 2")

    # The manager: closure across the team, and the report's insights from their card.
    manager.goto("/team")
    expect(manager.locator("#team-closure .recharts-surface").first).to_be_visible()
    show_numbers(manager, "Feedback closure across your team, over the last year")
    expect(manager.locator("#team-closure-table")).to_contain_text("Pat Pro")
    check(manager, "team-closure")
    manager.get_by_role("link", name="Insights", exact=True).last.click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Pat Pro's insights")
    expect(manager.locator("#readiness .recharts-surface")).to_be_visible()
    manager.get_by_role("link", name="Progress timeline").click()
    expect(manager.locator("#progress-chart .recharts-surface").first).to_be_visible()

    # The admin: aggregates over the four people with loops, the rest hidden.
    admin.reload()
    expect(admin.locator("#org-stages .recharts-surface").first).to_be_visible()
    show_numbers(admin, "Loops per stage")
    expect(admin.locator("#org-stages-table").get_by_role("row", name=re.compile("Implement"))).to_contain_text("4")
    expect(admin.locator("#org-stages-table").get_by_role("row", name=re.compile("Reflect"))).to_contain_text(
        "Hidden: fewer than 3 people"
    )
    expect(admin.locator("#org-closure")).to_have_text("100 %")
    expect(admin.locator("#org-index .recharts-surface").first).to_be_visible()
    check(admin, "organisation-insights")
    expect(admin.get_by_text("Loop goal 1")).to_have_count(0)  # no one's content


def test_a_quarterly_review_is_written_and_signed_from_both_sides(new_page) -> None:
    admin, manager, pro = team_of_three("kilo.test", "Kilo CX", new_page)
    mentor = new_page(**PHONE)
    join(mentor, invite(admin, "mia@kilo.test"), "Mia Mentor")
    go(pro, "Settings", "Settings")
    pro.get_by_label("Colleague's email").fill("mia@kilo.test")
    pro.get_by_role("button", name="Grant access").click()
    expect(pro.get_by_role("table").filter(has_text="Mentor")).to_contain_text("Mia Mentor")

    # In a quarter's last two weeks the dashboard reminds both sides; otherwise it keeps quiet.
    quarter = review_due(utcnow().date())
    go(manager, "Dashboard", re.compile("Max Manager"))
    pro.goto("/loop")
    pro.get_by_label("Career goal").fill("Lead our VoC programme")
    pro.get_by_role("button", name="Start my loop").click()
    expect(pro.get_by_role("heading", level=1)).to_have_text("Loop 1")
    go(pro, "Dashboard", re.compile("Pat Pro"))
    if quarter is None:
        expect(pro.locator("#review-reminder")).to_have_count(0)
        expect(manager.get_by_role("link", name=re.compile("review by"))).to_have_count(0)
        go(pro, "Insights", "Your insights")
        pro.get_by_role("link", name="This quarter's review").click()
    else:
        expect(manager.get_by_role("link", name=f"Sign off Pat's {quarter.label} review by")).to_be_visible()
        pro.get_by_role("link", name="Open the review").click()
    expect(pro.get_by_role("heading", level=1)).to_contain_text("Quarterly review")
    go(manager, "Team", "Your team")
    manager.get_by_role("link", name="Quarterly review").click()
    expect(manager.get_by_role("heading", level=1)).to_contain_text("Quarterly review")
    check(manager, "review-manager")

    # Signing needs one's own summary first; the message sits beside the field.
    pro.get_by_role("button", name="Sign off").click()
    expect(pro.get_by_role("alert")).to_have_text("Write your summary before you sign off.")
    pro.get_by_label("Your summary").fill("Shipped the **NPS read-out**; the survey slipped a month.")
    pro.get_by_role("button", name="Save summary").click()
    expect(pro.get_by_text("Summary saved")).to_be_visible()
    expect(manager.locator("#owner-summary strong")).to_have_text("NPS read-out")  # live, as Markdown
    manager.get_by_label("Your summary").fill("A strong quarter: the read-out is now a habit.")
    manager.get_by_role("button", name="Save summary").click()
    expect(pro.locator("#manager-summary")).to_contain_text("the read-out is now a habit")
    expect(pro.locator("#manager-side")).to_contain_text("by Max Manager")

    pro.get_by_role("button", name="Sign off").click()
    expect(pro.get_by_text("You signed off.")).to_be_visible()
    expect(manager.locator("#owner-signed")).to_contain_text("Signed on")
    check(pro, "review-signed-by-one")
    manager.get_by_role("button", name="Sign off").click()
    for page in (manager, pro):
        expect(page.get_by_text("Both sides signed this review: it is read-only now.")).to_be_visible()
        expect(page.get_by_label("Your summary")).to_have_count(0)
    expect(pro.locator("#manager-signed")).to_contain_text("Signed by Max Manager on")

    # Comments stay open on a signed review.
    manager.get_by_role("button", name=re.compile("^Comments")).press("Enter")
    manager.get_by_label("Comment", exact=True).fill("Shall we keep the read-out monthly?")
    manager.get_by_role("button", name="Post").click()
    expect(manager.get_by_role("dialog")).to_contain_text("Awaiting reply")
    check(manager, "review-comments")
    manager.get_by_role("button", name="Close", exact=True).click()
    expect(pro.locator("#unread-count")).to_be_visible()
    check(pro, "review-complete")

    # The mentor reads it on a phone and can change nothing; the admin cannot open it at all.
    go(mentor, "Mentees", "Your mentees")
    mentor.get_by_role("link", name="Quarterly review").click()
    expect(mentor.locator("#owner-summary")).to_contain_text("NPS read-out")
    expect(mentor.get_by_role("button", name="Sign off")).to_have_count(0)
    check(mentor, "review-mentor")
    admin.goto(pro.url)
    expect(admin.locator("#review-problem")).to_be_visible()
