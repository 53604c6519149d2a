"""The growth packet as a file to download: Markdown or PDF, named after its person and period."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from magicloop.services import packet_markdown, packet_pdf
from magicloop.services.packet import Packet
from magicloop.services.packet_document import document


@dataclasses.dataclass(frozen=True)
class PacketFile:
    filename: str
    mime_type: str
    data: bytes


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "packet"


def render(packet: Packet) -> PacketFile:
    """CPU work, no database: run it off the event loop."""
    blocks = document(packet)
    name = f"growth-packet-{slug(packet.owner_name)}-{packet.first}-to-{packet.last}"
    if packet.format == "markdown":
        return PacketFile(f"{name}.md", "text/markdown", packet_markdown.render(blocks).encode())
    title = f"Growth packet: {packet.owner_name}"
    return PacketFile(f"{name}.pdf", "application/pdf", packet_pdf.render(blocks, title))
