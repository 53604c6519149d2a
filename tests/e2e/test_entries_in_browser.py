"""The one Edit and Delete of an entry on the loop page, used on each kind a professional writes
that no other browser test edits: a step of the plan, a growth conversation and a private note."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import sign_up, start_loop

pytestmark = pytest.mark.e2e


def edit(page: Page, button: str | re.Pattern, field: str, text: str, toast: str) -> None:
    page.get_by_role("button", name=button).click()
    form = page.locator("#edit-form")
    form.get_by_label(field, exact=True).fill(text)
    form.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(toast)).to_be_visible()
    expect(form).to_have_count(0)


def delete(page: Page, button: str | re.Pattern, toast: str) -> None:
    page.get_by_role("button", name=button).click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text(toast)).to_be_visible()


def test_a_professional_edits_and_deletes_a_step_a_conversation_and_a_note(new_page) -> None:
    page = new_page(width=390, height=844)
    sign_up(page, "Quay CX", "Quinn Pro", "quinn@quay.test")
    start_loop(page, "Lead our voice-of-customer programme")

    # Stage 1: a step of the plan.
    page.fill("#step_description", "Shadow two support calls")
    page.fill("#step_due", "in 2 weeks")
    page.click("#step-submit")
    steps = page.locator("#action-steps")
    expect(steps).to_contain_text("Shadow two support calls")
    edit(page, "Edit step: Shadow two support calls", "Step", "Shadow three support calls", "Step updated")
    expect(steps).to_contain_text("Shadow three support calls")
    delete(page, "Delete step: Shadow three support calls", "Step deleted")
    expect(page.get_by_text("Shadow three support calls")).to_have_count(0)

    # Stage 4: a growth conversation the professional recorded.
    page.get_by_role("button", name="Ask how to grow").click()
    expect(page.locator("#stage-heading")).to_contain_text("Stage 4")
    page.fill("#gaps", "Storytelling with numbers")
    page.fill("#feedback", "Lead with the customer's words")
    page.click("#conversation-submit")
    conversations = page.locator("#conversations")
    expect(conversations).to_contain_text("Storytelling with numbers")
    edit(page, re.compile("^Edit conversation: "), "The gaps named", "Storytelling with costs", "Conversation updated")
    expect(conversations).to_contain_text("Storytelling with costs")
    delete(page, re.compile("^Delete conversation: "), "Conversation deleted")
    expect(page.get_by_text("Storytelling with costs")).to_have_count(0)

    # A private note.
    page.get_by_label("New note").fill("Ask Sam about the data pull")
    page.get_by_role("button", name="Save note").click()
    notes = page.locator("#notes")
    expect(notes).to_contain_text("Ask Sam about the data pull")
    edit(page, re.compile("^Edit note: "), "Note", "Thank Sam for the data pull", "Note updated")
    expect(notes).to_contain_text("Thank Sam for the data pull")
    delete(page, re.compile("^Delete note: "), "Note deleted")
    expect(page.get_by_text("Thank Sam for the data pull")).to_have_count(0)
