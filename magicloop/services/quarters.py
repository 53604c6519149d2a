"""Calendar quarters, as people name them ("2026 Q4") and as links carry them ("2026Q4")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from magicloop.services.errors import NotFound

TREND = 8  # quarters in a trend: two years
REMINDER_DAYS = 14  # the dashboard reminds both sides of the review in a quarter's last two weeks
_KEY = re.compile(r"^(\d{4})Q([1-4])$")


@dataclasses.dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1–4

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: object) -> Quarter:
        """A quarter a link names: "2026Q4"."""
        match = _KEY.match(key) if isinstance(key, str) else None
        if match is None or not 2000 <= int(match[1]) <= 2100:
            raise NotFound("There is no such quarter: a quarter reads like 2026Q4.")
        return cls(int(match[1]), int(match[2]))

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.shifted(1).first_day - dt.timedelta(days=1)

    def shifted(self, quarters: int) -> Quarter:
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def ended(self, today: dt.date) -> bool:
        return today > self.last_day


def trend(last: Quarter, count: int = TREND) -> list[Quarter]:
    """`count` quarters, oldest first, ending with `last`."""
    return [last.shifted(n - count + 1) for n in range(count)]


def review_due(today: dt.date) -> Quarter | None:
    """The quarter whose review the dashboard reminds people of today: the running one, in its last two weeks."""
    quarter = Quarter.of(today)
    return quarter if (quarter.last_day - today).days < REMINDER_DAYS else None
