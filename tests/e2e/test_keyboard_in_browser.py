"""A professional who works from the keyboard alone: every step of starting a loop, logging an ask, opening its
dialogs and deleting it is reached with Tab, done with Enter, Space or Escape, and shows where the focus is; the
focus never falls back to the top of the page (assets/focus.js)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser import newest_toast, screenshot, sign_up

pytestmark = pytest.mark.e2e
FURTHEST = 80  # Tab presses from one control to the next one wanted: a page's whole order, and then some


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the focus, as a person would; fails if the tab order never reaches it."""
    for _ in range(FURTHEST):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def focus_is_shown(target: Locator) -> bool:
    """The keyboard's focus is drawn: an outline or a ring on the control or on the field around it."""
    return target.evaluate(
        """element => {
            const drawn = e => { const s = getComputedStyle(e);
                return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
            return element.matches(':focus-visible') && (drawn(element) || drawn(element.parentElement));
        }"""
    )


def returns_focus(page: Page, opener: Locator, role: str) -> None:
    tab_to(page, opener)
    assert focus_is_shown(opener)
    page.keyboard.press("Enter")
    dialog = page.get_by_role(role)
    expect(dialog).to_be_visible()
    assert dialog.evaluate("element => element.contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()


def test_a_loop_is_started_and_an_ask_logged_from_the_keyboard_alone(new_page) -> None:
    page = new_page()
    sign_up(page, "Keys Ltd", "Kit Keys", "kit@keys.test")

    # The first Tab shows a way past the navigation, to the page's own content.
    page.reload()
    expect(page.locator("#dashboard-greeting")).to_be_visible()
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    screenshot(page, "keyboard-skip-link")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert page.url.endswith("/")  # no #content in the address

    start = page.get_by_role("link", name="Start your first loop")
    tab_to(page, start)
    assert focus_is_shown(start)
    page.keyboard.press("Enter")
    goal = page.get_by_label("Career goal")
    tab_to(page, goal)
    assert focus_is_shown(goal)
    page.keyboard.type("Lead our VoC programme by Q3")
    tab_to(page, page.get_by_role("button", name="Start my loop"))
    page.keyboard.press("Enter")
    expect(page.locator("#loop-title")).to_contain_text("Loop 1")

    # The stepper: a stage is chosen with Space as with Enter.
    ask_stage = page.get_by_role("navigation", name="Loop stages").get_by_role("button", name="Ask how to help")
    tab_to(page, ask_stage)
    assert focus_is_shown(ask_stage)
    page.keyboard.press("Space")
    expect(ask_stage).to_have_attribute("aria-pressed", "true")
    asked = page.get_by_label("What they asked")
    tab_to(page, asked)
    page.keyboard.type("Own the monthly CSAT read-out")
    log = page.get_by_role("button", name="Log the ask")
    tab_to(page, log)
    assert focus_is_shown(log)
    page.keyboard.press("Enter")
    expect(page.locator("#asks")).to_contain_text("Own the monthly CSAT read-out")
    expect(newest_toast(page)).to_contain_text("Ask logged")

    # A dialog takes the focus, Escape closes it, and the focus is back where it was: one the page's state opens
    # (the comments, then the progress) as one its own button opens (asking before a delete).
    returns_focus(page, page.get_by_role("button", name="Comments on ask: Own the monthly CSAT read-out"), "dialog")
    returns_focus(page, page.get_by_role("button", name="Delete ask: Own the monthly CSAT read-out"), "alertdialog")
    implement = page.get_by_role("navigation", name="Loop stages").get_by_role("button", name="Implement")
    tab_to(page, implement)
    page.keyboard.press("Enter")
    returns_focus(
        page, page.get_by_role("button", name="Update progress on ask: Own the monthly CSAT read-out"), "dialog"
    )

    # Deleting the ask takes its buttons away: the focus stays in the page's content, where it was.
    ask = "ask: Own the monthly CSAT read-out"
    tab_to(page, page.get_by_role("button", name="Delete " + ask))
    page.keyboard.press("Enter")
    confirm = page.get_by_role("alertdialog").get_by_role("button", name="Delete")
    tab_to(page, confirm)
    page.keyboard.press("Enter")
    # While the dialog is open the page behind it is hidden from roles: wait for the ask's own absence.
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    expect(page.get_by_text("Nothing to deliver yet")).to_be_visible()
    page.wait_for_function("() => document.activeElement !== document.body")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
