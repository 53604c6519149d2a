"""A professional sets a check-in rhythm of their own and takes their check-ins and due dates into their
calendar app: a subscription link, made anew and turned off, and a downloaded .ics file."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser import assert_accessible, screenshot, sign_up, start_loop

pytestmark = pytest.mark.e2e
CHECKIN = "Check-in with your manager (Magic Loop)"


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    """What a calendar app gets: no browser, no session."""
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, {k.lower(): v for k, v in refused.headers.items()}, refused.read().decode()


def uids(text: str) -> dict[str, str]:
    return {str(e["summary"]): str(e["uid"]) for e in Calendar.from_ical(text).walk("VEVENT")}


def shown_link(page: Page) -> str:
    field = page.get_by_label("Your calendar link")
    expect(field).to_have_value(re.compile(r"/calendar/.+\.ics$"))
    return field.input_value()


def confirm(page: Page, button: str, action: str) -> None:
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    assert_accessible(page, f"the dialog to {button.lower()}")
    dialog.get_by_role("button", name=action).click()


def test_a_custom_rhythm_and_a_calendar_link_that_can_be_renewed_and_turned_off(new_page, app_url) -> None:
    page = new_page()
    sign_up(page, "Rhythm Ltd", "Rhea Rhythm", "rhea@rhythm.test")
    start_loop(page, "Lead our VoC programme")
    page.get_by_role("link", name="Settings").first.click()
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()

    rhythm = page.get_by_label("Check-in rhythm with your manager")
    rule = page.get_by_label("Your rhythm as an iCalendar rule (RRULE)")
    expect(rule).to_have_count(0)
    rhythm.select_option(label="A rule of my own")
    rule.fill("FREQ=HOURLY")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY: a check-in is a day.")).to_be_visible()
    expect(rule).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "settings with a bad rule")

    rule.fill("FREQ=WEEKLY;BYDAY=MO")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Profile saved")).to_be_visible()
    upcoming = page.locator("#next-checkins").get_by_role("listitem")
    expect(upcoming).to_have_count(3)
    for day in upcoming.all_inner_texts():
        assert day.startswith("Mon "), day
    page.reload()
    expect(page.get_by_label("Your rhythm as an iCalendar rule (RRULE)")).to_have_value("FREQ=WEEKLY;BYDAY=MO")
    expect(page.locator("#next-checkins").get_by_role("listitem")).to_have_count(3)

    expect(page.get_by_text("You have no calendar link.")).to_be_visible()
    page.get_by_role("button", name="Make a calendar link").click()
    first = shown_link(page)
    assert first.startswith(f"{app_url}/calendar/")
    expect(page.get_by_text(re.compile("Your calendar link has been on since"))).to_be_visible()
    screenshot(page, "settings-calendar-link")
    assert_accessible(page, "settings with a new calendar link")

    status, headers, feed = fetch(first)
    assert status == 200 and headers["content-type"].startswith("text/calendar")
    assert "frame-ancestors 'none'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
    calendar = Calendar.from_ical(feed)
    [checkin] = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == CHECKIN]
    assert checkin["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    assert checkin.decoded("dtstart").weekday() == 0

    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download .ics").click()
    download = downloading.value
    assert download.suggested_filename == "magicloop.ics"
    assert uids(open(download.path(), encoding="utf-8").read()) == uids(feed)

    confirm(page, "Make a new link", "Make a new link")
    expect(page.get_by_label("Your calendar link")).not_to_have_value(first)
    second = shown_link(page)
    gone = fetch(first)
    assert gone[0] == 404 and gone[2] == "Not found" and "content-security-policy" in gone[1]
    assert fetch(second)[0] == 200 and uids(fetch(second)[2]) == uids(feed)

    confirm(page, "Turn off link", "Turn off link")
    expect(page.get_by_text("Calendar link turned off")).to_be_visible()
    expect(page.get_by_text("You have no calendar link.")).to_be_visible()
    expect(page.get_by_label("Your calendar link")).to_have_count(0)
    assert fetch(second)[0] == 404
    assert fetch(f"{app_url}/calendar/not-a-token.ics")[0] == 404

    phone = new_page(width=390, height=844)
    sign_up(phone, "Phone Ltd", "Pat Phone", "pat@phone.test")
    phone.goto("/settings")
    phone.get_by_label("Check-in rhythm with your manager").select_option(label="A rule of my own")
    expect(phone.get_by_label("Your rhythm as an iCalendar rule (RRULE)")).to_be_visible()
    phone.get_by_role("button", name="Make a calendar link").click()
    shown_link(phone)
    screenshot(phone, "settings-phone")
    assert_accessible(phone, "settings on a phone")
