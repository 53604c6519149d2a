"""Checks for untrusted input: any client may call any handler with any value."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import available_timezones

from magicloop.services.dates import parse_when
from magicloop.services.errors import InvalidInput

EMAIL_MAX = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TIME_ZONES = frozenset(available_timezones())


MAX_ID = 2**63 - 1  # the largest id a database column holds
MAX_PAGE = 10_000


def is_id(value: object) -> bool:
    """Whether a client-sent value can be a row id at all (checked before any lookup)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def id_in_form(form: object, field: str) -> int | None:
    """A row id carried in a form's hidden field (forms send text); None when it is not one."""
    raw = form.get(field) if isinstance(form, Mapping) else None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 19:
        raw = int(raw)
    return raw if is_id(raw) else None


def page_number(value: object) -> int:
    """A page of a list; anything else is the first page."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_PAGE:
        return value
    return 0


def normalise_email(value: Any) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def is_valid_time_zone(name: str) -> bool:
    return name in _TIME_ZONES


def has_bad_characters(text: str) -> bool:
    """Control characters (bar newline and tab) and lone surrogates, which no
    person types and no database should store."""
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in text)


class FormCheck:
    """Collects one message per field, then raises them all at once."""

    def __init__(self, data: Mapping[str, Any] | None):
        self.data = data if isinstance(data, Mapping) else {}
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(self, field: str, label: str, *, max_len: int, required: bool = True, multiline: bool = False) -> str:
        raw = self.data.get(field, "")
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self.fail(field, f"{label} must be text.")
            return ""
        value = raw.strip()
        if required and not value:
            self.fail(field, f"{label} is required.")
        elif len(value) > max_len:
            self.fail(field, f"{label} must be at most {max_len} characters (it has {len(value)}).")
        elif has_bad_characters(value) or (not multiline and "\n" in value):
            self.fail(field, f"{label} contains characters that aren't allowed.")
        return value

    def email(self, field: str = "email", label: str = "Email") -> str:
        value = normalise_email(self.data.get(field))
        if not value:
            self.fail(field, f"{label} is required.")
        elif len(value) > EMAIL_MAX:
            self.fail(field, f"{label} must be at most {EMAIL_MAX} characters.")
        elif not _EMAIL.match(value) or has_bad_characters(value):
            self.fail(field, "Enter an email address like name@example.com.")
        return value

    def time_zone(self, field: str = "time_zone") -> str:
        value = self.data.get(field)
        if not isinstance(value, str) or not is_valid_time_zone(value):
            self.fail(field, "Choose a time zone from the list.")
            return "UTC"
        return value

    def choice(self, field: str, label: str, options: Iterable[str], default: str | None = None) -> str:
        """One of `options`; `default` when the field is left out or empty."""
        value = self.data.get(field)
        if default is not None and value in (None, ""):
            return default
        if not isinstance(value, str) or value not in set(options):
            self.fail(field, f"Choose a {label.lower()} from the list.")
            return ""
        return value

    def integer(self, field: str, label: str, *, low: int, high: int) -> int | None:
        raw = self.data.get(field)
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            self.fail(field, f"{label} must be a whole number from {low} to {high}.")
            return None
        if not low <= value <= high:
            self.fail(field, f"{label} must be from {low} to {high}.")
            return None
        return value

    def date(
        self,
        field: str,
        label: str,
        *,
        today: dt.date,
        required: bool = True,
        not_past: bool = False,
        keep: dt.date | None = None,
    ) -> dt.date | None:
        """A date typed leniently. `keep` is the value being edited: left
        unchanged, it stays valid even if it has passed since."""
        raw = self.data.get(field)
        if raw is not None and not isinstance(raw, str):
            self.fail(field, f"{label} must be text.")
            return None
        text = (raw or "").strip()
        if not text:
            if required:
                self.fail(field, f"{label} is required.")
            return None
        parsed = parse_when(text, today)
        if parsed is None:
            self.fail(field, f"{label}: enter a date like 2027-03-01, “next Friday” or “in 3 weeks”.")
        elif not_past and parsed < today and parsed != keep:
            self.fail(field, f"{label} can't be in the past.")
            return None
        return parsed

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InvalidInput(dict(self.errors))
