"""The person's calendar link and .ics file, on the settings page.

The link's URL holds its secret token: it is written into the page's field once, straight into the
browser (`rx.set_value`), and never kept in this state, which the server stores and sends again."""

from __future__ import annotations

import reflex as rx

from magicloop.services import calendar_feed
from magicloop.state.auth import look, perform, refusal

URL_FIELD = "calendar-url"


def _make_link(db, user):
    url = calendar_feed.make_link(db, user)
    return url, calendar_feed.link_of(user)


class CalendarState(rx.State):
    since: str = ""  # when the current link was made, "" for none
    shown: bool = False  # the new link's field is on the page
    working: bool = False

    @rx.event
    async def make_link(self):
        self.working = True
        yield
        outcome = await perform(self, _make_link)
        self.working = False
        if not outcome.ok:
            yield refusal(outcome)
            return
        url, link = outcome.value
        self.since, self.shown = link.since, True
        yield  # the field is on the page before its value is set
        yield rx.set_value(URL_FIELD, url)
        yield rx.toast.success("Calendar link made. Copy it into your calendar app now.")

    @rx.event
    async def turn_off_link(self):
        outcome = await perform(self, calendar_feed.turn_off_link)
        if not outcome.ok:
            return refusal(outcome)
        self.since, self.shown = "", False
        return rx.toast.success("Calendar link turned off")

    @rx.event
    async def download(self):
        outcome = await look(self, calendar_feed.calendar_file)
        if not outcome.ok:
            return refusal(outcome)
        return rx.download(data=outcome.value, filename=calendar_feed.FILE_NAME, mime_type="text/calendar")
