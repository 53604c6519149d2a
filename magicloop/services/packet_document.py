"""The growth packet as a document: headings, paragraphs, lists and tables, written once and rendered as
Markdown (services/packet_markdown.py) or PDF (services/packet_pdf.py)."""

from __future__ import annotations

import dataclasses
from collections import Counter

from magicloop.services.packet import Packet, PacketItem, PacketLoop
from magicloop.services.success_index import LATE, MISSED, ON_TIME, OPEN, OVERDUE


@dataclasses.dataclass(frozen=True)
class Heading:
    level: int  # 1 the title, 2 a section, 3 a loop, 4 a part of one
    text: str


@dataclasses.dataclass(frozen=True)
class Paragraph:
    text: str
    quiet: bool = False  # a note on the section rather than its content


@dataclasses.dataclass(frozen=True)
class Entry:
    """A list item: its first line in bold, then its details one a line."""

    title: str
    details: list[str]


@dataclasses.dataclass(frozen=True)
class Entries:
    entries: list[Entry]


@dataclasses.dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


Block = Heading | Paragraph | Entries | Table


def document(packet: Packet) -> list[Block]:
    period = f"{_day(packet.first)} to {_day(packet.last)}"
    blocks: list[Block] = [
        Heading(1, f"Growth packet: {packet.owner_name}"),
        Paragraph(f"{packet.organisation} · {period} · prepared {_day(packet.generated)}", quiet=True),
        Heading(2, "Goal"),
        Paragraph(packet.goal or "No loop in this period."),
    ]
    if packet.target_role:
        blocks.append(Paragraph(f"Target role: {packet.target_role}"))
    blocks += [Heading(2, "Success Index per quarter"), *_index(packet)]
    blocks += [Heading(2, "Competency ratings over time"), *_ratings(packet)]
    blocks.append(Heading(2, "Loops"))
    if not packet.loops:
        blocks.append(Paragraph("No loop ran in this period.", quiet=True))
    for loop in packet.loops:
        blocks += _loop(loop, packet.with_private_notes)
    return blocks


def _day(day) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _index(packet: Packet) -> list[Block]:
    rows = []
    for quarter in packet.quarters:
        outcomes = Counter(item.outcome for item in quarter.committed)
        counts = (outcomes[ON_TIME], outcomes[LATE], outcomes[MISSED] + outcomes[OVERDUE], outcomes[OPEN])
        percent = f"{quarter.percent}%" if quarter.percent is not None else "—"
        rows.append([quarter.label, percent, *map(str, counts)])
    return [
        Paragraph(
            "Asks, recommendations and action steps due in the quarter: on time counts 1, late ½, "
            "not delivered 0; those not yet due are not counted.",
            quiet=True,
        ),
        Table(["Quarter", "Index", "On time", "Late", "Not delivered", "Not yet due"], rows),
    ]


def _ratings(packet: Packet) -> list[Block]:
    if not packet.ratings:
        return [Paragraph("No competency was rated in this period.", quiet=True)]
    numbers = sorted({number for row in packet.ratings for number, _, _ in row.scores})
    headers = ["Competency"] + [f"Loop {n} (self / manager)" for n in numbers]
    rows = []
    for row in packet.ratings:
        by_loop = {number: (own, manager) for number, own, manager in row.scores}
        cells = [_pair(*by_loop.get(n, (None, None))) for n in numbers]
        rows.append([row.competency, *cells])
    return [Paragraph("Scores from 1 to 5; — where nobody rated.", quiet=True), Table(headers, rows)]


def _pair(own: int | None, manager: int | None) -> str:
    return f"{'—' if own is None else own} / {'—' if manager is None else manager}"


def _loop(loop: PacketLoop, with_notes: bool) -> list[Block]:
    span = f"started {loop.started}" + (f", closed {loop.closed}" if loop.closed else f", now at {loop.stage}")
    facts = [span] + ([f"Target role: {loop.target_role}"] if loop.target_role else [])
    facts += [f"Target date: {loop.target_date}"] if loop.target_date else []
    blocks: list[Block] = [Heading(3, f"Loop {loop.number}: {loop.goal}"), Paragraph("; ".join(facts), quiet=True)]
    blocks += _items("Asks", loop.asks, "No asks were logged in this loop.")
    blocks += _items("Recommendations", loop.recommendations, "No recommendations yet.")
    if with_notes:
        blocks.append(Heading(4, "Private notes"))
        notes = [Entry(note.splitlines()[0] if note else "", note.splitlines()[1:]) for note in loop.private_notes]
        blocks.append(Entries(notes) if notes else Paragraph("No private notes in this loop.", quiet=True))
    return blocks


def _items(title: str, items: list[PacketItem], empty: str) -> list[Block]:
    if not items:
        return [Heading(4, title), Paragraph(empty, quiet=True)]
    return [Heading(4, title), Entries([_entry(item) for item in items])]


def _entry(item: PacketItem) -> Entry:
    state = f"Delivered {item.delivered}" if item.delivered else item.status
    details = [state + (f" (due {item.due})" if item.due else "")]
    details += [f"Why: {item.why}"] if item.why else []
    details += [f"Outcome: {item.outcome}"] if item.outcome else []
    details += [f"Evidence: {link}" for link in item.evidence]
    if item.reply:
        details.append(f"Closing reply ({item.replied}): {item.reply}")
    return Entry(item.what, details)
