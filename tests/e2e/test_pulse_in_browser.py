"""The culture pulse, four people at once: the runner asks three colleagues; after two answers nobody sees a
result, after the third the results per discipline reach the runner's open page; the runner attaches the pulse
to an ask of their loop, whose card then leads to the results."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from magicloop.models import DISCIPLINES
from tests.browser import check, invite, join, set_manager, sign_up, start_loop

pytestmark = pytest.mark.e2e

TITLE = "How customer-centric are we this quarter?"
ASK = "Find out how customer-centric the team is"
COLLEAGUES = (("Sam Sierra", "sam"), ("Sue Sierra", "sue"), ("Sid Sierra", "sid"))


def answer(page: Page, score: int, comment: str = "") -> None:
    """From the notification to the pulse; every discipline scored `score`."""
    page.goto("/notifications")
    page.get_by_text("asks you to answer a culture pulse").first.click()
    expect(page.locator("#pulse-title")).to_have_text(TITLE)
    for _, name in DISCIPLINES:
        page.get_by_role("group", name=name).get_by_label(str(score), exact=True).check()
    if comment:
        page.get_by_label("Comment (optional)").fill(comment)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Thank you: your answer is in, anonymously")).to_be_visible()
    expect(page.locator("#pulse-thanks")).to_be_visible()


def test_results_show_from_the_third_answer_and_the_pulse_becomes_an_asks_evidence(new_page) -> None:
    runner = new_page()
    sign_up(runner, "Sierra Support", "Rae Runner", "rae@sierra.test")
    colleagues = []
    for name, handle in COLLEAGUES:
        page = new_page()
        join(page, invite(runner, f"{handle}@sierra.test"), name)
        colleagues.append(page)
    outsider = new_page()  # a colleague the pulse does not ask
    join(outsider, invite(runner, "oli@sierra.test"), "Oli Outside")

    runner.get_by_role("link", name="Pulse").click()
    expect(runner.locator("#pulses-mine-empty")).to_contain_text("You haven't run a pulse yet")
    check(runner, "pulse-list")
    runner.get_by_label("Title").fill(TITLE)
    runner.get_by_label("Sam Sierra").check()
    runner.get_by_label("Sue Sierra").check()
    runner.get_by_role("button", name="Start the pulse").click()
    expect(runner.locator("#invitees-error")).to_contain_text("Pick at least 3 colleagues")  # nothing started
    expect(runner.locator("#pulses-mine-empty")).to_be_visible()
    runner.get_by_label("Sid Sierra").check()
    runner.get_by_role("button", name="Start the pulse").click()
    expect(runner.get_by_text("Pulse started: your colleagues are asked")).to_be_visible()
    expect(runner.locator("#pulse-title")).to_have_text(TITLE)
    expect(runner.locator("#pulse-participation")).to_contain_text("0 of 3 answered")
    outsider.goto(runner.url)
    expect(outsider.get_by_role("heading", name="This pulse isn't open to you")).to_be_visible()
    expect(outsider.get_by_text("ask its runner")).to_be_visible()
    expect(outsider.locator("#pulse-title")).to_have_count(0)
    check(outsider, "pulse-refused")

    colleagues[0].goto("/")  # the dashboard leads to what awaits their answer
    expect(colleagues[0].get_by_role("link", name="1 culture pulse to answer")).to_be_visible()
    check(colleagues[0], "dashboard-pulse-to-answer")
    colleagues[0].get_by_role("link", name="1 culture pulse to answer").click()
    expect(colleagues[0].locator("#pulses-invited")).to_contain_text("Awaiting your answer")
    check(colleagues[0], "pulse-list-invited")
    colleagues[0].goto("/notifications")
    colleagues[0].get_by_text("asks you to answer a culture pulse").first.click()
    expect(colleagues[0].locator("#pulse-title")).to_have_text(TITLE)
    colleagues[0].get_by_role("button", name="Send my answer").click()  # nothing scored: refused beside each
    expect(colleagues[0].locator("#customer_insight-error")).to_contain_text(
        "Choose a score from 1 to 5 for Customer Insight"
    )
    check(colleagues[0], "pulse-answer")
    answer(colleagues[0], 2, "We rarely hear from customers in planning")
    answer(colleagues[1], 4)

    # The runner's page, open since the pulse started, follows each answer without a reload.
    expect(runner.locator("#pulse-participation")).to_contain_text("2 of 3 answered")
    colleagues[0].reload()
    for page in (runner, colleagues[0]):
        expect(page.locator("#pulse-results-hidden")).to_contain_text("2 of 3 responses needed")
        expect(page.locator("#pulse-results")).to_have_count(0)
    colleagues[0].goto("/")  # answered, while the pulse is still open: nothing on the dashboard awaits them
    expect(colleagues[0].locator("#overdue-count")).to_be_visible()
    expect(colleagues[0].locator("#pulses-to-answer")).to_have_count(0)

    answer(colleagues[2], 5, "Support and product plan together now")
    results = runner.locator("#pulse-results")
    expect(results).to_be_visible()
    for _, name in DISCIPLINES:
        expect(results.get_by_role("row").filter(has_text=name)).to_contain_text("3.7")
    expect(results.get_by_role("row").filter(has_text="Empowerment")).to_contain_text("2–5")
    comments = runner.locator("#pulse-comments li")
    expect(comments).to_have_text(
        ["Support and product plan together now", "We rarely hear from customers in planning"]
    )
    expect(runner.locator("#pulse-participation")).to_contain_text("3 of 3 answered")
    check(runner, "pulse-results")

    # The runner attaches the pulse to an ask of their own loop: the ask's card leads to the results.
    start_loop(runner, "Lead our customer-centric culture work")
    runner.click("#stage-tab-2")
    runner.get_by_label("What they asked").fill(ASK)
    runner.click("#ask-submit")
    expect(runner.locator("#asks")).to_contain_text(ASK)
    runner.goto("/pulse")
    runner.get_by_role("link", name=TITLE).first.click()
    runner.get_by_label("The evidence of").select_option(label=f"Ask: {ASK}")
    runner.get_by_role("button", name="Save").click()
    expect(runner.get_by_text("Attached as evidence")).to_be_visible()
    runner.get_by_role("link", name=f"Ask: {ASK}").click()
    expect(runner.locator("#asks")).to_contain_text(ASK)
    ask_on_the_loop = runner.url
    runner.get_by_role("link", name="Evidence: culture pulse results").click()
    expect(runner.locator("#pulse-results")).to_contain_text("Strategic Alignment")

    runner.get_by_role("button", name="Close the pulse").click()
    expect(runner.get_by_text("Pulse closed: it takes no more answers")).to_be_visible()
    expect(runner.locator("#pulse-closed")).to_be_visible()

    # Made the runner's manager, the colleague the pulse never asked reads it through the ask it is evidence of.
    set_manager(runner, "Rae Runner", "Oli Outside")
    outsider.goto(ask_on_the_loop)
    expect(outsider.locator("#asks")).to_contain_text(ASK)
    outsider.get_by_role("link", name="Evidence: culture pulse results").click()
    expect(outsider.locator("#pulse-results")).to_contain_text("Strategic Alignment")
    expect(outsider.locator("#pulse-participation")).to_contain_text("3 of 3 answered")
    expect(outsider.get_by_role("button", name="Close the pulse")).to_have_count(0)  # the runner's alone
    check(outsider, "pulse-through-an-ask")
