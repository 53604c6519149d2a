"""Advanced mode: the professional suggests ideas and withdraws one; the manager accepts one (it becomes an
ask) and declines another with a reason — each decision reaching the professional's open page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import invite, join, set_manager, sign_up, start_loop

pytestmark = pytest.mark.e2e

ACCEPTED = "I could run a customer-centric culture pulse with the team"
DECLINED = "I could shadow the support leads for a week"
WITHDRAWN = "I could write the team's onboarding guide"


def suggest(page: Page, idea: str) -> None:
    page.get_by_label("Your idea").fill(idea)
    page.get_by_role("button", name="Suggest to my manager").click()
    expect(page.locator("#ideas")).to_contain_text(idea)


def test_a_manager_accepts_one_idea_and_declines_another_live(new_page) -> None:
    manager = new_page()
    sign_up(manager, "Golf Support", "Gia Manager", "gia@golf.test")
    pro = new_page()
    join(pro, invite(manager, "hal@golf.test"), "Hal Pro")
    set_manager(manager, "Hal Pro", "Gia Manager")

    pro.goto("/settings")
    pro.get_by_label("Advanced mode: suggest ideas to my manager instead of only asking").click()
    pro.get_by_role("button", name="Save profile").click()
    expect(pro.get_by_text("Profile saved")).to_be_visible()
    start_loop(pro, "Lead our customer-centric culture work")
    pro.get_by_role("button", name="Ask how to help").click()
    suggest(pro, ACCEPTED)
    suggest(pro, DECLINED)
    suggest(pro, WITHDRAWN)
    withdrawn = pro.locator("[id^=idea-]").filter(has_text=WITHDRAWN)
    withdrawn.get_by_role("button", name="Withdraw").click()
    expect(pro.get_by_text("Idea withdrawn")).to_be_visible()
    expect(withdrawn).to_contain_text("Withdrawn")
    expect(withdrawn.get_by_role("button", name="Withdraw")).to_have_count(0)

    manager.goto("/team")
    manager.get_by_role("link", name="Open their loop").first.click()
    expect(manager.locator("#loop-title")).to_be_visible()
    manager.get_by_role("button", name="Ask how to help").click()
    expect(manager.get_by_role("heading", name="Their ideas")).to_be_visible()
    withdrawn = manager.locator("[id^=idea-]").filter(has_text=WITHDRAWN)
    expect(withdrawn).to_contain_text("Withdrawn")
    expect(withdrawn.get_by_role("button", name="Send decision")).to_have_count(0)  # nothing left to decide
    accepted = manager.locator("[id^=idea-]").filter(has_text=ACCEPTED)
    accepted.get_by_label("Due, if you accept").fill("in 3 weeks")
    accepted.get_by_role("button", name="Send decision").click()
    expect(manager.get_by_text("Idea accepted: it is now an ask")).to_be_visible()
    expect(accepted).to_contain_text("Accepted")
    expect(manager.locator("#asks")).to_contain_text(ACCEPTED)

    declined = manager.locator("[id^=idea-]").filter(has_text=DECLINED)
    declined.get_by_label("Your decision").select_option("decline")
    declined.get_by_role("button", name="Send decision").click()
    expect(declined.get_by_text("Reason is required")).to_be_visible()  # beside the field; nothing changed
    expect(declined).to_contain_text("Pending")
    declined.get_by_label("Reason, if you decline").fill("Support is mid-migration; next quarter")
    declined.get_by_role("button", name="Send decision").click()
    expect(declined).to_contain_text("Declined")
    expect(declined).to_contain_text("next quarter")

    # The professional's page followed along without a reload.
    ideas = pro.locator("#ideas")
    expect(ideas.locator("[id^=idea-]").filter(has_text=ACCEPTED)).to_contain_text("Accepted")
    expect(ideas.locator("[id^=idea-]").filter(has_text=DECLINED)).to_contain_text("Declined")
    expect(pro.locator("#asks")).to_contain_text(ACCEPTED)

    # The professional repeats the loop: the manager's open page shows it closed, live,
    # and the accepted idea comes along as an open ask.
    pro.get_by_role("button", name="Repeat the loop").click()
    repeat = pro.get_by_role("dialog")
    expect(repeat.get_by_label("Goal for the next loop")).to_have_value("Lead our customer-centric culture work")
    repeat.get_by_label("What moved").fill("The culture pulse is on its way")
    repeat.get_by_role("button", name="Start the next loop").click()
    expect(pro.locator("#loop-title")).to_contain_text("Loop 2")
    expect(manager.locator("#loop-title").locator("..")).to_contain_text("Closed")
    manager.goto("/team")
    expect(manager.locator("#reports")).to_contain_text("Loop 2: Lead our customer-centric culture work")

    # The closed loop's ideas are still the professional's own: headed as theirs to suggest, not "Their ideas".
    pro.goto("/")
    pro.click("#loop-link-1")
    expect(pro.locator("#loop-title")).to_contain_text("Loop 1")
    pro.get_by_role("button", name="Ask how to help").click()
    expect(pro.get_by_role("heading", name="Suggest an idea")).to_be_visible()
    expect(pro.get_by_role("heading", name="Their ideas")).to_have_count(0)
