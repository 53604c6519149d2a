"""The growth packet as PDF, with fpdf2 (pure Python).

The core PDF fonts know Latin-1 only, so DejaVu Sans (magicloop/fonts, with its licence) is embedded,
subset to the characters used: Latin, Greek, Cyrillic and many symbols. Characters it lacks (Chinese,
Japanese, Korean, most emoji) are left out of the PDF; the Markdown file keeps every character.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from magicloop.services.packet_document import Block, Entries, Heading, Paragraph, Table

FONTS = Path(__file__).resolve().parents[1] / "fonts"
FAMILY = "DejaVu"
SIZES = {1: 18, 2: 14, 3: 12, 4: 10.5}
BODY, SMALL = 10, 8.5
INK, MUTED, RULE = (30, 30, 30), (95, 95, 95), (200, 200, 200)
logging.getLogger("fpdf").setLevel(logging.ERROR)  # a missing glyph is expected (see above), not news


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_title(title)
        self.set_author("Magic Loop")
        self.set_lang("en")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", SMALL)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.title} · page {self.page_no()} of {{nb}}", align="C")


def render(blocks: list[Block], title: str) -> bytes:
    pdf = _Document(title)
    pdf.add_page()
    for block in blocks:
        if isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Paragraph):
            _text(pdf, block.text, size=SMALL if block.quiet else BODY, colour=MUTED if block.quiet else INK)
        elif isinstance(block, Entries):
            for entry in block.entries:
                _text(pdf, f"• {entry.title}", style="B", indent=2)
                for detail in entry.details:
                    _text(pdf, detail, indent=6, after=0.5)
            pdf.ln(1.5)
        elif isinstance(block, Table):
            _table(pdf, block)
    return bytes(pdf.output())


def _heading(pdf: FPDF, heading: Heading) -> None:
    pdf.ln({1: 0, 2: 4, 3: 3, 4: 1.5}[heading.level])
    room = {3: 30, 4: 15}.get(heading.level, 0)  # a loop or a part of one starts where it has room
    if room and pdf.will_page_break(room):
        pdf.add_page()
    _text(pdf, heading.text, style="B", size=SIZES[heading.level], after=1)
    if heading.level <= 2:
        pdf.set_draw_color(*RULE)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)


def _text(pdf: FPDF, text: str, *, style: str = "", size: float = BODY, colour=INK, indent: float = 0, after=1.5):
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(FAMILY, "", SMALL)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*RULE)
    heading = FontFace(family=FAMILY, emphasis="BOLD", fill_color=(238, 238, 238))
    with pdf.table(headings_style=heading, line_height=SMALL * 0.55, padding=1) as grid:
        for cells in [table.headers, *table.rows]:
            row = grid.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(2)
