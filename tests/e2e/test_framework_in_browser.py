"""The organisation's own framework in the browser: an admin publishes a new version with a renamed, a retired
and a new competency; the professional's next loop is rated against it while their first loop keeps the old
one; axe on the page, its dialog and its messages at desktop and phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import check, invite, join, sign_up, start_loop

pytestmark = pytest.mark.e2e

RESEARCH, RENAMED = "Customer research and surveys", "Customer research and insight"
RETIRED, NEW_ONE = "Journey and process mapping", "Voice of the customer programmes"
LAST = "Cross-functional collaboration"


def assessment_names(page: Page) -> list[str]:
    page.click("#stage-tab-1")
    names = page.locator("#assessment [id^=competency-name-]")
    expect(names.first).to_be_visible()
    return names.all_inner_texts()


def publish(admin: Page, checked: str = "") -> None:
    """Publish, confirmed in the dialog (checked with axe under the name `checked`, if given)."""
    admin.get_by_role("button", name="Publish version 2").click()
    dialog = admin.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Loops already started keep version 1")
    if checked:
        check(admin, checked)
    dialog.get_by_role("button", name="Publish", exact=True).click()


def test_an_admin_publishes_a_new_version_and_only_new_loops_use_it(new_page) -> None:
    admin = new_page()
    sign_up(admin, "Romeo CX", "Jo Admin", "jo@romeo.test")
    pro = new_page()
    join(pro, invite(admin, "pat@romeo.test"), "Pat Pro")
    start_loop(pro, "Lead our VoC programme")
    assert RETIRED in assessment_names(pro)

    # Only an admin opens the page.
    pro.goto("/admin/framework")
    expect(pro.get_by_text("Only an organisation admin can open that page.")).to_be_visible()

    admin.goto("/admin")
    admin.get_by_role("link", name="Competency framework").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Competency framework")
    expect(admin.locator("#current-version")).to_contain_text("Version 1")
    expect(admin.locator("#current-competencies")).to_contain_text(RESEARCH)
    check(admin, "framework")

    # The draft: a rename, a retirement, a new competency — and a name left empty, refused beside its field.
    admin.get_by_label("Name of competency 1", exact=True).fill(RENAMED)
    admin.get_by_label("Name of competency 2", exact=True).fill("")
    admin.get_by_label("Retire competency 3 from the next version").check()
    admin.get_by_role("button", name="Add a competency").click()
    admin.get_by_label("Name of competency 9", exact=True).fill(NEW_ONE)
    admin.get_by_label("Description of competency 9", exact=True).fill("Hearing every customer, and acting on it.")
    admin.get_by_role("button", name="Move competency 9 up").click()  # what was typed moves with its row
    expect(admin.get_by_label("Name of competency 8", exact=True)).to_have_value(NEW_ONE)
    expect(admin.get_by_label("Name of competency 9", exact=True)).to_have_value(LAST)
    publish(admin, "framework-publish-dialog")
    name_2 = admin.get_by_label("Name of competency 2", exact=True)
    expect(admin.locator(f"#{name_2.get_attribute('id')}-error")).to_have_text("Name is required.")
    expect(name_2).to_have_attribute("aria-invalid", "true")
    expect(admin.locator("#current-version")).to_contain_text("Version 1")
    expect(admin.get_by_label("Name of competency 8", exact=True)).to_have_value(NEW_ONE)  # typed text kept
    check(admin, "framework-refused")

    name_2.fill("One-to-one customer engagement")
    publish(admin)
    expect(admin.get_by_text("Version 2 published")).to_be_visible()
    expect(admin.locator("#current-version")).to_contain_text("Version 2")
    current = admin.locator("#current-competencies")
    expect(current).to_contain_text(RENAMED)
    expect(current).to_contain_text(NEW_ONE)
    expect(current).not_to_contain_text(RETIRED)
    check(admin, "framework-published")

    # A draft thrown away: back to the version as it now stands.
    names = admin.get_by_label(re.compile(r"^Name of competency \d+$"))
    count = names.count()
    admin.get_by_role("button", name="Add a competency").click()
    expect(names).to_have_count(count + 1)
    admin.get_by_role("button", name=f"Remove new competency {count + 1}").click()  # added, and not wanted after all
    expect(names).to_have_count(count)
    admin.get_by_label("Name of competency 1", exact=True).fill("A name not kept")
    admin.get_by_role("button", name="Add a competency").click()
    expect(names).to_have_count(count + 1)
    admin.get_by_role("button", name="Start again").click()
    expect(names).to_have_count(count)
    expect(admin.get_by_label("Name of competency 1", exact=True)).to_have_value(RENAMED)

    # The loop under way keeps version 1; the next loop is rated against version 2.
    pro.goto("/loop")
    names = assessment_names(pro)
    assert RESEARCH in names and RETIRED in names and NEW_ONE not in names
    pro.get_by_role("button", name="Repeat the loop").click()
    pro.get_by_role("dialog").get_by_label("What moved").fill("Ran the first survey")
    pro.get_by_role("dialog").get_by_role("button", name="Start the next loop").click()
    expect(pro.locator("#loop-title")).to_contain_text("Loop 2")
    names = assessment_names(pro)
    assert names[0] == RENAMED and names[-2:] == [NEW_ONE, LAST] and RETIRED not in names
    pro.goto("/")
    pro.click("#loop-link-1")
    expect(pro.locator("#loop-title")).to_contain_text("Loop 1")
    assert re.search(RETIRED, " ".join(assessment_names(pro)))
