"""A professional runs a whole Magic Loop in the browser, then repeats it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import assert_accessible, newest_toast, screenshot, sign_up

pytestmark = pytest.mark.e2e


def move_on(page: Page, to_stage: int) -> None:
    """Moving on asks first only while something in the stage is still open."""
    page.click("#move-stage")
    confirm, moved = page.locator("#move-stage-confirm"), page.locator("#stage-heading", has_text=f"Stage {to_stage}")
    expect(confirm.or_(moved)).to_be_visible()
    if confirm.is_visible():
        confirm.click()
    expect(moved).to_be_visible()


def update_progress(page: Page, card: str, status: str, percent: str, note: str = "", outcome: str = "") -> None:
    page.click(f"#{card}-progress")
    dialog = page.get_by_role("dialog")
    dialog.locator("#progress-status").select_option(status)
    dialog.locator("#progress-percent").fill(percent)
    dialog.locator("#progress-note").fill(note)
    dialog.locator("#progress-outcome").fill(outcome)
    dialog.locator("#progress-submit").click()
    expect(dialog).to_have_count(0)


def test_a_professional_completes_a_loop_and_starts_the_next(new_page) -> None:
    page = new_page()
    sign_up(page, "Delta Desk", "Pia Pro", "pia@delta.test")
    page.goto("/settings")
    page.click("#advanced_mode")
    page.click("#profile-submit")
    expect(page.get_by_text("Profile saved")).to_be_visible()

    page.goto("/")
    page.click("#start-first-loop")
    page.fill("#goal", "Lead our VoC programme by Q3")
    page.fill("#target_role", "VoC lead")
    page.click("#start-loop-submit")
    expect(page.locator("#loop-title")).to_contain_text("Loop 1")
    expect(page.locator("#stage-heading")).to_contain_text("Stage 1: Reflect")
    expect(page.locator("#coaching-1")).to_contain_text("specific and dated")
    expect(page.locator("#loop-next-action")).to_contain_text("self-reflection")

    # Stage 1: self-assessment, reflection, a dated plan.
    first = page.locator("#assessment-form [role=radiogroup]").first
    first.get_by_role("radio").nth(3).click()
    page.locator("#assessment-form textarea").first.fill("Ran the Q2 NPS survey end to end")
    page.click("#assessment-submit")
    expect(page.get_by_text("Self-assessment saved")).to_be_visible()
    page.fill("#strengths", "Survey design")
    page.select_option("#readiness", "7")
    page.fill("#readiness_why", "I have delivered two surveys already")
    page.click("#reflection-submit")
    expect(newest_toast(page)).to_have_text("Reflection saved")
    page.fill("#step_description", "Interview five customers about onboarding")
    page.fill("#step_due", "someday soon")
    page.click("#step-submit")
    expect(page.locator("#step_due-error")).to_contain_text("enter a date like")
    page.fill("#step_due", "in 3 weeks")
    page.locator("#step_due").blur()
    expect(page.locator("#step-due-preview")).to_contain_text("in 21 days")
    page.click("#step-submit")
    expect(page.locator("#action-steps")).to_contain_text("Interview five customers")

    # Stage 2: the manager's ask, and an idea in advanced mode.
    move_on(page, 2)
    page.get_by_label("What they asked").fill("Take over the weekly CSAT read-out")
    page.get_by_label("Why it matters to them").fill("It costs me two hours every Monday")
    page.get_by_label("Due", exact=True).fill("in 2 weeks")
    page.get_by_label("Priority").select_option("high")
    page.click("#ask-submit")
    asks = page.locator("#asks")
    expect(asks).to_contain_text("Take over the weekly CSAT read-out")
    expect(asks).to_contain_text("High priority")
    ask_id = asks.locator("[id^=ask-]").first.get_attribute("id")
    page.click(f"#{ask_id}-edit")
    page.fill("#edit-what", "Take over the weekly CSAT read-out from March")
    page.click("#edit-submit")
    expect(asks).to_contain_text("read-out from March")
    page.fill("#proposal", "I could run a customer-centric culture pulse with the team — would that help?")
    page.click("#idea-submit")
    expect(page.locator("#ideas")).to_contain_text("Pending")

    # Stage 3: blocked, a COE review, then delivered with its outcome; a short reflection.
    move_on(page, 3)
    card = page.locator("[id^=ask-]").filter(has_text="CSAT read-out").first
    card_id = card.get_attribute("id")
    update_progress(page, card_id, "blocked", "30", note="Waiting for dashboard access")
    expect(card).to_contain_text("Blocked")
    page.click(f"#{card_id}-coe")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert_accessible(page, "the COE review dialog")
    dialog.locator("#coe-what_happened").fill("No access to the CSAT dashboard for a week")
    dialog.locator("#coe-root_cause").fill("Access requests need a manager's approval")
    dialog.locator("#coe-corrective_actions").fill("Request access at the start of each ask")
    dialog.locator("#coe-submit").click()
    expect(page.get_by_text("COE review saved")).to_be_visible()
    update_progress(
        page,
        card_id,
        "done",
        "100",
        note="Shipped the read-out twice",
        outcome="Read-out shipped; prep down to 40 minutes",
    )
    expect(card).to_contain_text("Done")
    expect(card).to_contain_text("Read-out shipped")
    page.fill("#learned", "Ask for access early")
    page.select_option("#moves_toward_goal", "yes")
    page.click("#stage-reflection-submit")
    expect(newest_toast(page)).to_have_text("Reflection saved")

    # Stage 4: the growth conversation.
    move_on(page, 4)
    page.fill("#gaps", "Business cases")
    page.fill("#feedback", "Your reports are trusted; now make the case for action")
    page.click("#conversation-submit")
    expect(page.locator("#conversations")).to_contain_text("Business cases")

    # Stage 5: a recommendation, delivered and answered — the loop is closed.
    move_on(page, 5)
    page.get_by_label("Recommended step").fill("Write a business case for a churn fix")
    page.get_by_label("Due", exact=True).fill("in 4 weeks")
    page.click("#recommendation-submit")
    rec = page.locator("#recommendations [id^=recommendation-]").first
    expect(rec).to_contain_text("Write a business case")
    rec_id = rec.get_attribute("id")
    update_progress(page, rec_id, "done", "100", outcome="Finance approved it for Q2")
    page.click(f"#{rec_id}-reply")
    page.fill("#closing_reply", "Done: drafted the case, finance approved it for Q2")
    page.click("#reply-submit")
    expect(rec).to_contain_text("Loop closed")

    # A private note, for the owner's eyes only.
    page.fill("#note_body", "Remember to thank Sam for the data pull")
    page.click("#note-submit")
    expect(page.locator("#notes")).to_contain_text("thank Sam")
    screenshot(page, "loop-stage-5")
    assert_accessible(page, "stage 5 with a closed loop")

    # Repeat: loop 2 starts at stage 4, carrying the open action step forward.
    page.click("#repeat-loop")
    page.fill("#retrospective_moved", "Delivered the read-out and the business case")
    page.click("#repeat-submit")
    expect(page.locator("#loop-title")).to_contain_text("Loop 2")
    expect(page.locator("#stage-heading")).to_contain_text("Stage 4")
    page.click("#stage-tab-1")
    expect(page.locator("#action-steps")).to_contain_text("Interview five customers")
    expect(page.locator("#action-steps")).to_contain_text("Carried forward")
    expect(page.locator("#notes")).not_to_contain_text("thank Sam")  # notes stay with their loop

    page.click("#nav-dashboard")
    expect(page.locator("#home-loop-goal")).to_contain_text("Loop 2")
    expect(page.locator("#home-stage")).to_contain_text("Stage 4 of 5")
    expect(page.locator("#loops")).to_contain_text("Closed")
    page.click("#loop-link-1")
    expect(page.locator("#loop-title")).to_contain_text("Loop 1")
    expect(page.locator("#move-stage")).to_have_count(0)  # history is read-only
    expect(page).to_have_url(re.compile(r"/loop/?\?id=\d+$"))
    screenshot(page, "loop-history")
    assert_accessible(page, "a closed loop, read-only")
