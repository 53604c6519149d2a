"""Mail in tests: a mail server in the test process, and what it received from the app."""

from __future__ import annotations

import contextlib
import re
import time
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Page

from tests.support import free_port

# Where each running app mails to (its URL → the inbox of a mail server in this process), for the helpers
# that follow the links it mails. An app without one sends no mail and shows its links instead.
MAIL: dict[str, Any] = {}


@contextlib.contextmanager
def mail_sink(inbox):
    """A mail server on a free loopback port delivering into `inbox`; its `settings` send there."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.settings = {
        "MAGICLOOP_SMTP_HOST": "127.0.0.1",
        "MAGICLOOP_SMTP_PORT": str(port),
        "MAGICLOOP_SMTP_STARTTLS": "0",
    }
    try:
        yield inbox
    finally:
        controller.stop()


def mailed(inbox, to: str, subject: str, timeout_s: float = 15) -> str:
    """The body of the newest mail to `to` whose subject has `subject`, waiting for the outbox to send it
    (it does right after the commit that queued it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [m for m in inbox.messages if m["To"] == to and subject in m["Subject"]]
        if found:
            return found[-1].get_payload(decode=True).decode()
        time.sleep(0.1)
    pytest.fail(f"no mail to {to} about {subject!r} within {timeout_s} s")


def mailed_link(inbox, to: str, subject: str) -> str:
    """The link in the newest such mail."""
    return re.search(r"https?://\S+", mailed(inbox, to, subject)).group(0)


def mail_of(page: Page) -> Any:
    """The inbox the app this page shows mails to, or None when it sends no mail."""
    origin = re.match(r"https?://[^/]+", page.url)
    return MAIL.get(origin.group(0)) if origin else None
