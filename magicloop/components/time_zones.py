"""A time-zone picker listing every IANA zone."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

import reflex as rx

from magicloop.components.forms import native_select

TIME_ZONES = sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def time_zone_select(errors: rx.Var[dict[str, str]], field_id: str = "time_zone", **props: Any) -> rx.Component:
    options = [rx.el.option(zone, value=zone) for zone in TIME_ZONES]
    return native_select(field_id, "Time zone", errors, options, name="time_zone", **props)
