"""Edits never silently lost.

Every row a person edits has a version (`models.base.Versioned`). The form they edit carries the
version it was opened at, in a hidden field; a save from any other version — or from none, or from
garbage — is refused with the record as it now reads, and nothing is written. Two saves racing
between their read and their write meet SQLAlchemy's own check in the UPDATE instead
(StaleDataError), which the runner turns into this same refusal (`state/runner.py`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from magicloop.services.errors import ServiceError

CHANGED = "This was changed by someone else since you opened it."
FIELD = "version"  # the hidden field a form carries its version in
MAX_VERSION = 2**31 - 1


@dataclasses.dataclass(frozen=True)
class Shown:
    """One field of a record as it now reads."""

    label: str
    text: str


@dataclasses.dataclass(frozen=True)
class Changed:
    """What a refused save shows: the record as someone else left it."""

    fields: list[Shown] = dataclasses.field(default_factory=list)
    # The versions now stored, by the hidden field that carries each: a form sent with these saves over them.
    versions: dict[str, int] = dataclasses.field(default_factory=dict)
    form: str = ""  # where the page shows it (set by the page): "" shows it nowhere

    @property
    def version(self) -> int:
        """The one row's, for a form that edits one."""
        return self.versions.get(FIELD, 0)


NOTHING_CHANGED = Changed()


class Conflict(ServiceError):
    def __init__(self, changed: Changed, message: str = CHANGED):
        super().__init__(message)
        self.changed = changed


def opened(data: object, field: str = FIELD) -> int | None:
    """The version a form says it was opened at (0: before the record was first saved); None when it
    carries none a form could have sent."""
    raw = data.get(field) if isinstance(data, Mapping) else None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 10:
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= MAX_VERSION:
        return raw
    return None


def shown(pairs: Iterable[tuple[str, object]]) -> list[Shown]:
    """Labelled values as a person reads them: dates as dates, nothing as a dash."""
    return [Shown(label, _text(value)) for label, value in pairs]


def _text(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def check(data: object, row, describe: Callable[[object], Iterable[tuple[str, object]]], field: str = FIELD) -> None:
    """Refuse the save unless `data` was opened at `row`'s version (0 while there is no row yet);
    `describe(row)` gives its labelled fields for the refusal. Call it before changing anything."""
    now = row.version if row is not None else 0
    if opened(data, field) != now:
        raise Conflict(Changed(fields=shown(describe(row)) if row is not None else [], versions={field: now}))
