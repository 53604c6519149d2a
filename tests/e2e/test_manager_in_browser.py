"""Every form and button a manager uses on a report's loop, found by role and label, each move
reaching the professional's open page live — and what the manager is typing surviving the
professional's changes arriving on the same page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import invite, join, set_manager, sign_up, start_loop

pytestmark = pytest.mark.e2e

COMPETENCY = "Customer research and surveys"


def open_stage(page: Page, name: str, number: int) -> None:
    page.get_by_role("button", name=name).click()
    expect(page.locator("#stage-heading")).to_contain_text(f"Stage {number}")


def test_a_manager_rates_gives_feedback_logs_edits_and_recommends_live(new_page) -> None:
    manager = new_page()
    sign_up(manager, "Hotel CX", "Hana Manager", "hana@hotel.test")
    pro = new_page(width=390, height=844)
    join(pro, invite(manager, "ivo@hotel.test"), "Ivo Pro")
    set_manager(manager, "Ivo Pro", "Hana Manager")
    start_loop(pro, "Own our journey maps")

    manager.goto("/team")
    manager.get_by_role("link", name="Open their loop").first.click()
    expect(manager.locator("#loop-title")).to_contain_text("Loop 1")

    # Stage 1: the manager's ratings; the professional sees them beside their own, live.
    ratings = manager.locator("#manager-rating")
    ratings.get_by_role("radiogroup", name=f"Rating for {COMPETENCY}").get_by_role("radio", name="4").click()
    ratings.get_by_role("button", name="Save my ratings").click()
    expect(manager.locator("#gap-table")).to_contain_text(COMPETENCY)
    expect(pro.locator("#assessment")).to_contain_text("Manager: 4")

    # Stage 4: the growth conversation, recorded by the manager.
    open_stage(manager, "Ask how to grow", 4)
    open_stage(pro, "Ask how to grow", 4)
    manager.get_by_label("The gaps you named").fill("Journey maps that lead to decisions")
    manager.get_by_label("The feedback you gave").fill("Great craft; now tie each map to a metric")
    manager.get_by_role("button", name="Record the conversation").click()
    expect(manager.locator("#conversations")).to_contain_text("Journey maps that lead to decisions")
    expect(pro.locator("#conversations")).to_contain_text("tie each map to a metric")

    # Stage 2: an ask, edited, then deleted.
    open_stage(manager, "Ask how to help", 2)
    manager.get_by_label("What you ask").fill("Map the refund journey")
    manager.get_by_role("button", name="Log the ask").click()
    asks = manager.locator("#asks")
    expect(asks).to_contain_text("Map the refund journey")
    manager.get_by_role("button", name="Edit ask: Map the refund journey").click()
    manager.get_by_label("What", exact=True).fill("Map the refund and returns journey")
    manager.get_by_role("button", name="Save changes").click()
    expect(asks).to_contain_text("Map the refund and returns journey")
    manager.get_by_role("button", name="Delete ask: Map the refund and returns journey").click()
    manager.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(manager.locator("#asks-empty")).to_be_visible()

    # Stage 5: what the manager is typing survives the professional's change arriving live.
    open_stage(manager, "Do as recommended", 5)
    step = manager.get_by_label("Recommended step")
    step.fill("Pair with finance on one journey's cost")
    discussion = manager.locator("[id^=comments-loop-]")
    expect(discussion).to_contain_text("Loop discussion")
    pro.locator("[id^=comments-loop-]").click()
    pro.get_by_label("Comment", exact=True).fill("Happy to take any of these on.")
    pro.get_by_role("button", name="Post").click()
    expect(discussion).to_contain_text("Loop discussion · 1")  # the change reached the manager's page
    expect(step).to_have_value("Pair with finance on one journey's cost")
    manager.get_by_role("button", name="Add recommendation").click()
    recommendations = manager.locator("#recommendations")
    expect(recommendations).to_contain_text("Pair with finance")
    pro.get_by_role("dialog").get_by_role("button", name="Close", exact=True).click()
    open_stage(pro, "Do as recommended", 5)
    expect(pro.locator("#recommendations")).to_contain_text("Pair with finance")

    # The progress history of an item, read-only for the manager.
    manager.get_by_role("button", name="Progress history of recommendation: Pair with finance").click()
    dialog = manager.get_by_role("dialog")
    expect(dialog).to_contain_text("No progress recorded yet.")
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_have_count(0)
