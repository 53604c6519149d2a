"""What a person types in a form survives a refresh until it is saved, and goes when they sign out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import PASSWORD, newest_toast, sign_in, sign_up, start_loop

pytestmark = pytest.mark.e2e

EMAIL = "yara@yankee.test"


def ask_form(page: Page):
    page.get_by_role("button", name="Ask how to help").click()  # the stepper's
    return page.locator("#log-ask-form")


def test_unsaved_text_survives_a_refresh_until_saved_and_goes_at_sign_out(new_page) -> None:
    page = new_page()
    sign_up(page, "Yankee Support", "Yara Pro", EMAIL)
    start_loop(page, "Run our voice-of-customer programme")

    form = ask_form(page)
    form.get_by_label("What they asked").fill("Own the churn dashboard")
    form.get_by_label("Due").fill("in 2 weeks")
    page.reload()
    form = ask_form(page)
    expect(form.get_by_label("What they asked")).to_have_value("Own the churn dashboard")
    expect(form.get_by_label("Due")).to_have_value("in 2 weeks")
    expect(form.get_by_label("Asked on")).to_have_value("today")  # untouched: as the page set it

    form.get_by_role("button", name="Log the ask").click()
    expect(page.locator("#asks")).to_contain_text("Own the churn dashboard")
    expect(form.get_by_label("What they asked")).to_have_value("")
    page.reload()
    form = ask_form(page)
    expect(page.locator("#asks")).to_contain_text("Own the churn dashboard")
    expect(form.get_by_label("What they asked")).to_have_value("")  # saved, so no longer a draft

    form.get_by_label("What they asked").fill("A half-written ask about budgets")
    page.click("#sign-out")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in(page, EMAIL, PASSWORD)
    expect(page.locator("#dashboard-greeting")).to_be_visible()
    page.goto("/loop")
    form = ask_form(page)
    expect(form.get_by_label("What they asked")).to_have_value("")


def test_a_draft_of_text_someone_has_since_saved_over_is_dropped(new_page) -> None:
    """Put back over the newer text, the draft would be saved over it unseen: the saved text shows instead."""
    first = new_page()
    sign_up(first, "Yankee Success", "Yuri Pro", "yuri@yankee.test")
    start_loop(first, "Lead our onboarding redesign")
    first.get_by_label("Strengths").fill("Curious about churn")

    second = new_page()
    sign_in(second, "yuri@yankee.test", PASSWORD)
    expect(second.locator("#dashboard-greeting")).to_be_visible()
    second.goto("/loop")
    second.get_by_label("Strengths").fill("Patient with customers")
    second.get_by_label("How ready are you to work toward this goal? (1–10)").select_option("6")
    second.get_by_role("button", name="Save reflection").click()
    expect(second.get_by_text("Reflection saved")).to_be_visible()

    first.reload()
    expect(first.get_by_label("Strengths")).to_have_value("Patient with customers")
    first.get_by_label("Weaknesses").fill("Too many side projects")
    first.reload()
    expect(first.get_by_label("Weaknesses")).to_have_value("Too many side projects")  # a draft of its own
    expect(first.get_by_label("Strengths")).to_have_value("Patient with customers")


def test_a_dialog_shows_a_draft_only_for_the_item_it_was_typed_for_and_none_once_saved(new_page) -> None:
    page = new_page()
    sign_up(page, "Yankee Delivery", "Yves Pro", "yves@yankee.test")
    start_loop(page, "Own the quality of our support replies")
    form = ask_form(page)
    for what in ("Build the churn dashboard", "Clean up the survey tags"):
        form.get_by_label("What they asked").fill(what)
        form.get_by_label("Due").fill("in 3 weeks")
        form.get_by_role("button", name="Log the ask").click()
        expect(page.locator("#asks")).to_contain_text(what)

    def progress_on(what: str):
        page.get_by_role("button", name=re.compile(f"^Update progress on.*{what}")).click()
        return page.get_by_role("dialog")

    dialog = progress_on("churn dashboard")
    dialog.get_by_label("What happened").fill("Sketched the dashboard with finance")
    dialog.get_by_role("button", name="Close").click()
    dialog = progress_on("survey tags")
    expect(dialog.get_by_label("What happened")).to_have_value("")
    dialog.get_by_role("button", name="Close").click()

    dialog = progress_on("churn dashboard")
    expect(dialog.get_by_label("What happened")).to_have_value("Sketched the dashboard with finance")
    dialog.get_by_role("button", name="Record progress").click()
    # The toast, not the closing dialog's "No progress recorded yet."
    expect(newest_toast(page)).to_contain_text("Progress recorded")
    expect(dialog).to_have_count(0)
    dialog = progress_on("churn dashboard")
    expect(dialog.locator("#progress-history")).to_contain_text("Sketched the dashboard with finance")
    expect(dialog.get_by_label("What happened")).to_have_value("")  # saved: not put back a second time
