"""The one Edit and Delete of an entry on the loop page, used on each kind a professional writes
that no other browser test edits: a step of the plan, a growth conversation and a private note."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import sign_up, start_loop

pytestmark = pytest.mark.e2e


def edit_then_delete(page: Page, list_id: str, kind: str, shown: str, field: str, edited: str) -> None:
    """Edit the entry of `kind` showing `shown` (its `field` becomes `edited`), then delete it."""
    entries, noun = page.locator(list_id), kind.capitalize()
    expect(entries).to_contain_text(shown)
    page.get_by_role("button", name=re.compile(f"^Edit {kind}: ")).click()
    form = page.locator("#edit-form")
    form.get_by_label(field, exact=True).fill(edited)
    form.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(f"{noun} updated")).to_be_visible()
    expect(form).to_have_count(0)
    expect(entries).to_contain_text(edited)
    page.get_by_role("button", name=re.compile(f"^Delete {kind}: ")).click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text(f"{noun} deleted")).to_be_visible()
    expect(page.get_by_text(edited)).to_have_count(0)


def test_a_professional_edits_and_deletes_a_step_a_conversation_and_a_note(new_page) -> None:
    page = new_page(width=390, height=844)
    sign_up(page, "Quay CX", "Quinn Pro", "quinn@quay.test")
    start_loop(page, "Lead our voice-of-customer programme")

    # Stage 1: a step of the plan.
    page.fill("#step_description", "Shadow two support calls")
    page.fill("#step_due", "in 2 weeks")
    page.click("#step-submit")
    edit_then_delete(page, "#action-steps", "step", "Shadow two support calls", "Step", "Shadow three support calls")

    # Stage 4: a growth conversation the professional recorded.
    page.get_by_role("button", name="Ask how to grow").click()
    expect(page.locator("#stage-heading")).to_contain_text("Stage 4")
    page.fill("#gaps", "Storytelling with numbers")
    page.fill("#feedback", "Lead with the customer's words")
    page.click("#conversation-submit")
    edit_then_delete(
        page, "#conversations", "conversation", "Storytelling with numbers", "The gaps named", "Storytelling with costs"
    )

    # A private note.
    page.get_by_label("New note").fill("Ask Sam about the data pull")
    page.get_by_role("button", name="Save note").click()
    edit_then_delete(page, "#notes", "note", "Ask Sam about the data pull", "Note", "Thank Sam for the data pull")
