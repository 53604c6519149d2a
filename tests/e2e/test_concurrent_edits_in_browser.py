"""Edits never silently lost: a professional edits the same ask, reflection and note in two tabs. The tab
that saves second is told, beside its form, that someone else changed it, is shown what it now says, keeps
what it typed — and nothing is overwritten until it saves again, knowingly."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser import assert_accessible, screenshot, sign_up, start_loop

pytestmark = pytest.mark.e2e

CHANGED = "This was changed by someone else since you opened it."


def at_stage(tab: Page, stage: str) -> None:
    tab.get_by_role("button", name=re.compile(rf"\b{stage}\b")).click()  # the stepper's, not "Save reflection"


def both(first: Page, second: Page, stage: str) -> None:
    """Both tabs on the loop page, at `stage`."""
    for tab in (first, second):
        tab.goto("/loop")
        at_stage(tab, stage)


def notice(tab: Page) -> Locator:
    return tab.get_by_role("alert").filter(has_text=CHANGED)


def edit(tab: Page, kind: str) -> Locator:
    """Press the entry's Edit; its form, in place."""
    tab.get_by_role("button", name=re.compile(f"^Edit {kind}: ")).click()
    return tab.locator("#edit-form")


def test_the_second_of_two_tabs_is_shown_the_first_ones_words_and_overwrites_nothing(new_page) -> None:
    first = new_page()
    sign_up(first, "Juniper Care", "Jo Pro", "jo@juniper.test")
    start_loop(first, "Lead our voice-of-customer programme")
    second = first.context.new_page()  # the same person, a second tab

    # An ask, edited in both tabs.
    at_stage(first, "Ask how to help")
    first.get_by_label("What they asked").fill("Clean up the survey backlog")
    first.get_by_role("button", name="Log the ask").click()
    expect(first.locator("#asks")).to_contain_text("Clean up the survey backlog")
    both(first, second, "Ask how to help")
    first_form, second_form = edit(first, "ask"), edit(second, "ask")

    first_form.get_by_label("What", exact=True).fill("Clean up the survey backlog by Friday")
    first_form.get_by_role("button", name="Save changes").click()
    expect(first.get_by_text("Ask updated")).to_be_visible()
    second_form.get_by_label("What", exact=True).fill("Archive the survey backlog")
    second_form.get_by_role("button", name="Save changes").click()

    shown = notice(second)
    expect(shown).to_be_visible()
    expect(shown).to_contain_text("Clean up the survey backlog by Friday")  # what it says now
    expect(second_form.get_by_label("What", exact=True)).to_have_value("Archive the survey backlog")  # kept
    expect(second.get_by_text("Ask updated")).to_have_count(0)
    first.reload()
    at_stage(first, "Ask how to help")
    expect(first.locator("#asks")).to_contain_text("Clean up the survey backlog by Friday")  # nothing overwritten
    expect(first.locator("#asks")).not_to_contain_text("Archive the survey backlog")
    screenshot(second, "concurrent-edit-ask-refused")
    assert_accessible(second, "an ask whose save was refused because it changed")

    # Having seen theirs, the second tab saves its own on purpose.
    second_form.get_by_role("button", name="Save changes").click()
    expect(second.get_by_text("Ask updated")).to_be_visible()
    expect(second_form).to_have_count(0)
    expect(second.locator("#asks")).to_contain_text("Archive the survey backlog")
    expect(first.locator("#asks")).to_contain_text("Archive the survey backlog")  # live in the first tab

    # The self-reflection, an always-open form: the other tab's save reaches this one while it is open.
    both(first, second, "Reflect")
    second.get_by_label("Strengths").fill("Customer interviews and journey maps")
    first.get_by_label("Strengths").fill("Survey design")
    first.get_by_label("How ready are you to work toward this goal? (1–10)").select_option("7")
    first.get_by_role("button", name="Save reflection").click()
    expect(first.get_by_text("Reflection saved")).to_be_visible()
    second.get_by_label("How ready are you to work toward this goal? (1–10)").select_option("5")
    second.get_by_role("button", name="Save reflection").click()

    shown = notice(second)
    expect(shown).to_contain_text("Survey design")
    expect(shown).to_contain_text("7/10")
    expect(second.get_by_label("Strengths")).to_have_value("Customer interviews and journey maps")
    second.reload()
    expect(second.get_by_label("Strengths")).to_have_value("Survey design")  # nothing overwritten
    screenshot(first, "concurrent-edit-reflection-saved-first")

    # A private note, on a phone-sized second tab.
    first.get_by_label("New note").fill("Ask Sam about the data pull")
    first.get_by_role("button", name="Save note").click()
    expect(first.locator("#notes")).to_contain_text("Ask Sam about the data pull")
    second.set_viewport_size({"width": 390, "height": 844})
    both(first, second, "Reflect")
    first_form, second_form = edit(first, "note"), edit(second, "note")
    first_form.get_by_label("Note").fill("Sam sent the data pull")
    first_form.get_by_role("button", name="Save changes").click()
    expect(first.get_by_text("Note updated")).to_be_visible()
    second_form.get_by_label("Note").fill("Chase Sam again on Monday")
    second_form.get_by_role("button", name="Save changes").click()

    expect(notice(second)).to_contain_text("Sam sent the data pull")
    expect(second_form.get_by_label("Note")).to_have_value("Chase Sam again on Monday")
    screenshot(second, "concurrent-edit-note-refused-phone")
    assert_accessible(second, "a note whose save was refused, at phone width")
    second_form.get_by_role("button", name="Cancel").click()  # keep theirs
    expect(second.locator("#notes")).to_contain_text("Sam sent the data pull")
    expect(second.locator("#notes")).not_to_contain_text("Chase Sam again on Monday")


def test_a_quarterly_review_summary_saved_in_another_tab_is_shown_not_overwritten(new_page) -> None:
    first = new_page()
    sign_up(first, "Rowan Care", "Ro Pro", "ro@rowan.test")
    second = first.context.new_page()
    for tab in (first, second):
        tab.goto("/review")
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Quarterly review")

    first.get_by_label("Your summary").fill("Shipped the NPS read-out.")
    first.get_by_role("button", name="Save summary").click()
    expect(first.get_by_text("Summary saved")).to_be_visible()
    second.get_by_label("Your summary").fill("A quiet quarter.")
    second.get_by_role("button", name="Save summary").click()

    shown = notice(second)
    expect(shown).to_contain_text("Shipped the NPS read-out.")
    expect(second.get_by_label("Your summary")).to_have_value("A quiet quarter.")
    assert_accessible(second, "a refused review summary")
    screenshot(second, "concurrent-review-summary")
    first.reload()
    expect(first.get_by_label("Your summary")).to_have_value("Shipped the NPS read-out.")

    second.get_by_role("button", name="Save summary").click()  # knowingly, over theirs
    expect(second.get_by_text("Summary saved")).to_be_visible()
    expect(shown).to_have_count(0)
    first.reload()
    expect(first.get_by_label("Your summary")).to_have_value("A quiet quarter.")
