"""Tables that become a stack of cards on a phone, so every row's actions stay in reach."""

from __future__ import annotations

import json

import reflex as rx

from magicloop import styles


def _cards_on_a_phone(headers: list[str]) -> dict:
    """Under 600 px each row is a card: its first cell the title, each other cell labelled with its column."""
    cell = "& tbody tr > :nth-child"
    labels = {
        f"{cell}({n})::before": {"content": json.dumps(header), "color": styles.MUTED, "minWidth": "6em"}
        for n, header in enumerate(headers, start=1)
        if n > 1 and header
    }
    return {
        f"@media (max-width: {styles.PHONE_MAX_WIDTH})": {
            "& thead": styles.VISUALLY_HIDDEN,
            # Radix gives the table a height of 0 so that table rows stretch; as a block it must grow.
            "& table, & tbody, & tr": {"display": "block", "width": "100%", "height": "auto"},
            "& tbody tr": {"padding": "var(--space-2) 0", "boxShadow": "inset 0 -1px var(--gray-a5)"},
            "& tbody tr > *": {
                "display": "flex",
                "alignItems": "center",
                "gap": "var(--space-3)",
                "boxShadow": "none",
                "height": "auto",
                "padding": "var(--space-1) var(--space-3)",
            },
            f"{cell}(1)": {"fontWeight": "bold"},
            **labels,
        }
    }


def stacked_table(headers: list[str], rows: rx.Component, table_id: str) -> rx.Component:
    """`rows` renders the body's rows; a header may be empty (a column of buttons needs no name)."""
    return rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(rows),
        id=table_id,
        variant="surface",
        width="100%",
        style=_cards_on_a_phone(headers),
    )
