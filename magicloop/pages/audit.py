"""Admin: the security log, filtered by kind, person and dates."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.forms import choices, field_row, native_select, server_form, submit_button, text_field
from magicloop.components.layout import once_loaded, page, page_header, sections
from magicloop.components.lists import empty_note
from magicloop.components.pager import pager
from magicloop.components.tables import stacked_table
from magicloop.services.audit_log import KINDS, AuditRow
from magicloop.state.audit import AuditLogState

ERRORS = AuditLogState.filter_errors


def _muted(value: rx.Var[str]) -> rx.Component:
    return rx.cond(value != "", rx.text(value), rx.text("—", color=styles.MUTED))


def _row(event: AuditRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(event.when),
        rx.table.cell(event.kind),
        rx.table.cell(_muted(event.actor)),
        rx.table.cell(rx.cond(event.subject != "", event.subject, _muted(event.email))),
        rx.table.cell(_muted(event.client)),
        rx.table.cell(_muted(event.detail)),
        id="audit-" + event.id.to_string(),
    )


def _filters() -> rx.Component:
    kinds = [rx.el.option("Every event", value=""), *choices((kind.capitalize(), kind) for kind in KINDS)]
    people = [
        rx.el.option("Everyone", value=""),
        rx.foreach(AuditLogState.people, lambda member: rx.el.option(member.name, value=member.id)),
    ]
    return server_form(
        field_row(
            (native_select("audit-kind", "Event", ERRORS, kinds, name="kind"), "2 1 200px"),
            (native_select("audit-person", "Person", ERRORS, people, name="person"), "2 1 180px"),
            (text_field("audit-since", "From", ERRORS, name="since", placeholder="2026-01-01"), "1 1 120px"),
            (text_field("audit-until", "To", ERRORS, name="until", placeholder="today"), "1 1 120px"),
            button=submit_button("audit-apply", "Show", AuditLogState.searching, variant="soft"),
        ),
        form_id="audit-filters",
        on_submit=AuditLogState.apply,
        keep_drafts=False,
    )


@page(routes.AUDIT_LOG, "Security log", on_load=AuditLogState.load)
def security_log() -> rx.Component:
    return once_loaded(
        AuditLogState.loaded,
        sections(
            page_header(
                "Security log",
                "Sign-ins, passwords, invites, admin changes, reporting lines and mentor access in your "
                "organisation: who, when and from which network address. It never holds a password.",
            ),
            _filters(),
            rx.cond(
                AuditLogState.rows.length() > 0,
                stacked_table(
                    ["When", "Event", "By", "Concerning", "From", "Detail"],
                    rx.foreach(AuditLogState.rows, _row),
                    "audit-table",
                ),
                empty_note("No events match these filters. Clear them to see everything.", "audit-empty"),
            ),
            pager("audit", AuditLogState.page, AuditLogState.has_more, AuditLogState.show_page),
        ),
    )
