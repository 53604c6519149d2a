"""The instant for tests that follow the real clock (reporting lines, grants and reminders are
checked against it): noon UTC of the day the run started. Each such test runs at that instant,
so a run that crosses midnight still sees one day from its module's dates to its last assert."""

from __future__ import annotations

import datetime as dt

NOON = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(12), tzinfo=dt.UTC)
