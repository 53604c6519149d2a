"""Downloads in the browser: a professional exports their growth packet as PDF with their private notes and
the PDF holds the text; their manager exports the same packet as Markdown without them; a period that
makes no sense is refused beside its field; everyone downloads their own data, and the admin the whole
organisation. axe checks each page, at desktop and phone width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser import invite, join, log_ask_on_reports_loop, screenshot, set_manager, sign_up, start_loop
from tests.e2e.test_accessible_in_browser import check

pytestmark = pytest.mark.e2e

GOAL = "Lead our VoC programme — Zoë’s plan"
ASK = "Run the NPS readout"
NOTE = "Nervous about the readout"


def download(page: Page, button) -> Path:
    with page.expect_download() as started:
        button.click()
    return Path(started.value.path())


def export_packet(page: Page, file_format: str, *, private: bool | None) -> Path:
    packet = page.locator("#packet")
    packet.get_by_label("Format").select_option(file_format)
    if private is None:
        expect(packet.get_by_label("Include my private notes")).to_have_count(0)
        expect(packet).to_contain_text("Private notes are never part of it.")
    elif private:
        packet.get_by_label("Include my private notes").check()
    path = download(page, packet.get_by_role("button", name="Export packet"))
    expect(page.get_by_text("Growth packet ready")).to_be_visible()
    return path


def test_the_growth_packet_and_the_data_downloads(new_page) -> None:
    admin = new_page()
    sign_up(admin, "Mike CX", "Kim Admin", "kim@mike.test")
    pro, manager = new_page(), new_page()
    join(pro, invite(admin, "pia@mike.test"), "Pia Pro")
    join(manager, invite(admin, "max@mike.test"), "Max Manager")
    set_manager(admin, "Pia Pro", "Max Manager")
    start_loop(pro, GOAL)
    log_ask_on_reports_loop(manager, ASK)
    pro.goto("/loop")
    pro.get_by_label("New note").fill(NOTE)
    pro.get_by_role("button", name="Save note").click()
    expect(pro.locator("#notes")).to_contain_text(NOTE)

    # The professional: from their loop to their progress page, a period refused, then the PDF.
    pro.get_by_role("link", name="Progress and growth packet").click()
    expect(pro.get_by_role("heading", level=1)).to_have_text("Pia Pro's progress")
    packet = pro.locator("#packet")
    packet.get_by_label("From").fill("the day after never")
    packet.get_by_role("button", name="Export packet").click()
    expect(packet.get_by_text("From: enter a date")).to_be_visible()
    expect(packet.get_by_label("From")).to_have_attribute("aria-invalid", "true")
    packet.get_by_label("From").fill("2026-01-01")
    pdf = PdfReader(export_packet(pro, "PDF", private=True))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for shown in ("Growth packet: Pia Pro", "Zoë’s plan", ASK, NOTE, "Success Index per quarter"):
        assert shown in text
    expect(packet.get_by_text("From: enter a date")).to_have_count(0)
    check(pro, "growth-packet-owner")

    # The manager: the same packet as Markdown, never with the private notes.
    manager.goto("/team")
    manager.get_by_role("link", name="Progress timeline").first.click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Pia Pro's progress")
    markdown = export_packet(manager, "Markdown", private=None).read_text()
    assert ASK in markdown and "Zoë’s plan" in markdown and NOTE not in markdown
    check(manager, "growth-packet-manager")

    # Everyone's own data, and the admin's whole organisation.
    pro.goto("/settings")
    mine = json.loads(download(pro, pro.get_by_role("button", name="Download my data")).read_text())
    assert mine["format"] == "magicloop-personal" and NOTE in json.dumps(mine, ensure_ascii=False)
    expect(pro.get_by_text("Your data is downloading")).to_be_visible()
    check(pro, "my-data")
    admin.goto("/admin")
    whole = json.loads(download(admin, admin.get_by_role("button", name="Export the organisation")).read_text())
    assert {row["display_name"] for row in whole["tables"]["user"]} == {"Kim Admin", "Pia Pro", "Max Manager"}
    expect(admin.get_by_text("The organisation's export is downloading")).to_be_visible()
    check(admin, "organisation-export")
    screenshot(pro, "my-data-downloaded")
