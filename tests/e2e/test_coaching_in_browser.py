"""A manager coaches, a professional delivers and replies, a mentor follows — live, in three browsers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import (
    assert_accessible,
    invite,
    join,
    log_ask_on_reports_loop,
    screenshot,
    set_manager,
    sign_up,
    start_loop,
)

pytestmark = pytest.mark.e2e


def open_thread(page: Page, button: str) -> None:
    # From the keyboard: the loop's discussion button sits under the toasts (top right), which take
    # a click and, hovered, stay.
    page.locator(button).first.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()


def post_comment(page: Page, text: str, shown: str = "") -> None:
    page.fill("#comment_body", text)
    page.click("#comment-submit")
    expect(page.locator("#comment-thread")).to_contain_text(shown or text)


def test_manager_coaches_professional_delivers_and_mentor_follows_until_revoked(new_page) -> None:
    manager = new_page()
    sign_up(manager, "Echo Care", "Max Manager", "max@echo.test")
    pro_link, mentor_link = invite(manager, "pat@echo.test"), invite(manager, "mia@echo.test")
    pro, mentor = new_page(), new_page(width=390, height=844)
    join(pro, pro_link, "Pat Pro")
    join(mentor, mentor_link, "Mia Mentor")

    set_manager(manager, "Pat Pro", "Max Manager")

    start_loop(pro, "Run our voice-of-the-customer council")
    pro.goto("/settings")
    pro.fill("#mentor_email", "mia@echo.test")
    pro.click("#grant-submit")
    expect(pro.locator("#grants-table")).to_contain_text("Mia Mentor")
    pro.goto("/")  # the professional waits on the dashboard

    # The manager coaches from the team page: an ask, a recommendation, a comment.
    manager.goto("/team")
    expect(manager.locator("#reports")).to_contain_text("Pat Pro")
    log_ask_on_reports_loop(manager, "Own the monthly CSAT read-out")
    expect(manager.locator("#loop-title")).to_contain_text("Loop 1")
    expect(manager.locator("#private-notes")).to_have_count(0)
    loop_url = manager.url

    expect(pro.locator("#unread-count")).to_have_text("1")  # live, without a reload
    expect(pro.get_by_text("You have a new notification")).to_be_visible()

    manager.click("#stage-tab-5")
    # By its label: a field of the stage now shown, not one of the stage before it.
    manager.get_by_label("Recommended step").fill("Present the read-out to the leadership team")
    manager.click("#recommendation-submit")
    expect(manager.locator("#recommendations")).to_contain_text("Present the read-out")
    open_thread(manager, "#comments-loop-" + manager.url.split("id=")[1])
    hostile = '<img src=x onerror="window.hijacked=1"><script>window.hijacked=2</script>'
    post_comment(manager, f"Great start — **keep the read-out short**. {hostile}", shown="keep the read-out short")
    expect(manager.locator("#comment-thread strong")).to_have_text("keep the read-out short")  # Markdown, rendered
    expect(manager.locator("#comment-thread img, #comment-thread script")).to_have_count(0)  # HTML stays text
    assert manager.evaluate("window.hijacked") is None
    expect(manager.locator("#comment-thread")).to_contain_text("Awaiting reply")
    assert_accessible(manager, "a comment awaiting its reply")
    manager.click("#comments-close")

    # The professional delivers, replies to the recommendation and to the comment.
    expect(pro.locator("#unread-count")).to_have_text("3")
    pro.click("#nav-notifications")
    expect(pro.locator("#notifications")).to_contain_text("Max Manager logged an ask")
    expect(pro.locator("#notifications")).to_contain_text("Max Manager commented on the loop")
    # A notification leads to what it announces: the ask's stage, the card in view and focused...
    pro.locator("#notifications button", has_text="logged an ask").click()
    expect(pro.locator("#stage-heading")).to_contain_text("Stage 2")
    expect(pro.locator("#asks [id^=ask-]").first).to_be_focused()
    # ... and a comment's notification opens its thread.
    pro.go_back()
    pro.locator("#notifications button", has_text="commented on the loop").click()
    expect(pro.locator("#comment-thread")).to_contain_text("keep the read-out short")
    pro.click("#comments-close")
    pro.click("#nav-loop")
    discussion = pro.locator("[id^=comments-loop-]")
    expect(discussion).to_contain_text("Loop discussion · 1")  # each thread shows its count ...
    expect(discussion).to_contain_text("Awaiting reply")  # ... and whether it waits on the professional
    pro.click("#stage-tab-3")
    ask = pro.locator("[id^=ask-]").filter(has_text="CSAT read-out").first
    ask_id = ask.get_attribute("id")
    pro.click(f"#{ask_id}-progress")
    dialog = pro.get_by_role("dialog")
    dialog.locator("#progress-status").select_option("done")
    dialog.locator("#progress-outcome").fill("First read-out shipped; the team used it in planning")
    dialog.locator("#progress-submit").click()
    expect(ask).to_contain_text("Done")
    pro.click("#stage-tab-5")
    rec = pro.locator("#recommendations [id^=recommendation-]").first
    rec_id = rec.get_attribute("id")
    pro.click(f"#{rec_id}-reply")
    pro.fill("#closing_reply", "Presented it on Tuesday; they want it quarterly")
    pro.click("#reply-submit")
    expect(rec).to_contain_text("Loop closed")
    open_thread(pro, "[id^=comments-loop-]")
    pro.locator("[id^=comment-reply-]").first.click()
    post_comment(pro, "Will do, thanks!")
    expect(pro.locator("#comment-thread")).to_contain_text("Answered")
    pro.click("#comments-close")
    expect(discussion).to_contain_text("Loop discussion · 2")
    expect(discussion).not_to_contain_text("Awaiting reply")

    # The manager's home leads with what waits on them; each line leads to the item.
    manager.goto("/")
    needs = manager.locator("#needs")
    expect(needs).to_contain_text("Acknowledge Pat's delivery: Own the monthly CSAT read-out")
    needs.get_by_role("link", name="Acknowledge Pat's delivery").click()
    expect(manager.locator("#stage-heading")).to_contain_text("Stage 3")
    expect(manager.locator(f"#{ask_id}")).to_be_focused()
    manager.get_by_role("button", name="Acknowledge delivery of ask: Own the monthly CSAT read-out").click()
    expect(manager.locator(f"#{ask_id}")).to_contain_text("Acknowledged")
    manager.goto("/")
    expect(manager.locator("#needs-empty")).to_be_visible()

    # The mentor follows it all on the timeline, and can change nothing.
    mentor.click("#nav-mentees")
    expect(mentor.locator("#mentees")).to_contain_text("Pat Pro")
    expect(mentor.locator("[id^=mentee-news-]")).to_contain_text("since your last visit")
    mentor.locator("[id^=mentee-progress-]").first.click()
    events = mentor.locator("#progress-events")
    for seen in (
        "Ask logged: Own the monthly CSAT read-out",
        "Delivered: Own the monthly CSAT read-out",
        "Closed the loop on: Present the read-out",
        "Max Manager commented",
        "acknowledged",
    ):
        expect(events).to_contain_text(seen)
    # A mentor's note on an entry: labelled, and asking for no reply.
    delivered = events.locator("[id^=event-]", has_text="Delivered: Own the monthly CSAT read-out")
    delivered.get_by_role("button", name="Note").click()
    post_comment(mentor, "Lovely evidence: the planning link says it all.")
    expect(mentor.locator("#comment-thread")).to_contain_text("Mentor note")
    expect(mentor.locator("#comment-thread")).not_to_contain_text("Awaiting reply")
    mentor.click("#comments-close")
    deliveries = mentor.get_by_role("group", name="Show only").get_by_role("checkbox", name="Deliveries")
    deliveries.click()
    expect(events).not_to_contain_text("Ask logged")
    expect(events).to_contain_text("Delivered: Own the monthly CSAT read-out")
    deliveries.click()  # none ticked: every kind again
    expect(events).to_contain_text("Ask logged")
    deliveries.click()
    # Dates: one that is none is refused beside its field; a year before any of it shows nothing, and no dates all.
    mentor.fill("#since", "the day after never")
    mentor.get_by_role("button", name="Apply dates").click()
    expect(mentor.locator("#since-error")).to_contain_text("date")
    expect(events).to_contain_text("Delivered: Own the monthly CSAT read-out")
    mentor.fill("#since", "2020-01-01")
    mentor.fill("#until", "2020-12-31")
    mentor.get_by_role("button", name="Apply dates").click()
    expect(mentor.locator("#progress-empty")).to_be_visible()
    mentor.fill("#since", "")
    mentor.fill("#until", "")
    mentor.get_by_role("button", name="Apply dates").click()
    expect(events).to_contain_text("Delivered: Own the monthly CSAT read-out")
    screenshot(mentor, "mentor-progress-phone")
    assert_accessible(mentor, "the progress timeline on a phone")
    mentor.goto(loop_url)  # the professional's loop, read-only
    expect(mentor.locator("#loop-title")).to_contain_text("Loop 1")
    expect(mentor.locator("#move-stage")).to_have_count(0)
    expect(mentor.locator("#private-notes")).to_have_count(0)
    mentor.click("#stage-tab-2")
    expect(mentor.locator("#ask-submit")).to_have_count(0)
    mentor.goto("/mentees")
    expect(mentor.locator("[id^=mentee-news-]")).to_contain_text("Nothing new since your last visit")
    mentor.locator("[id^=mentee-progress-]").first.click()
    expect(events).to_be_visible()

    # The professional revokes the grant: the mentor's open tab loses access at once.
    pro.goto("/settings")
    pro.locator("[id^=revoke-grant-]").first.click()
    pro.locator("[id^=revoke-grant-][id$=-confirm]").first.click()
    expect(pro.locator("#grants-table")).to_contain_text("revoked")
    expect(mentor.locator("#progress-problem")).to_contain_text("access")
    assert_accessible(mentor, "the timeline after access ended")
    expect(mentor.locator("#nav-mentees")).to_have_count(0)
