"""Admin: people, invites, reporting lines, disabling accounts."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.components.buttons import quiet_button
from magicloop.components.exports import organisation_export_section
from magicloop.components.forms import field_columns, native_select, server_form, submit_button, text_field
from magicloop.components.layout import once_loaded, page
from magicloop.components.lists import empty_note
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table
from magicloop.pages.admin_people import people_section
from magicloop.services.organisation import InviteRow
from magicloop.services.roster import ReportingLineRow
from magicloop.state.admin import AdminState


def _invite_row(invite: InviteRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(invite.email),
        rx.table.cell(invite.status),
        rx.table.cell(invite.expires_on),
        rx.table.cell(
            rx.cond(
                invite.status == "pending",
                quiet_button(
                    "Revoke", size="1", id=f"revoke-invite-{invite.id}", on_click=AdminState.revoke_invite(invite.id)
                ),
            )
        ),
    )


def _invite_form() -> rx.Component:
    return server_form(
        rx.flex(
            rx.box(
                text_field(
                    "invite-email-input",
                    "Email",
                    AdminState.invite_errors,
                    name="email",
                    type="email",
                    placeholder="colleague@example.com",
                ),
                flex_grow="1",
                min_width="220px",
            ),
            submit_button("new-invite-submit", "Create invite", AdminState.inviting),
            align="end",
            spacing="3",
            wrap="wrap",
        ),
        form_id="new-invite-form",
        on_submit=AdminState.invite,
    )


def _mailed_invite() -> rx.Component:
    return rx.callout(
        rx.text(
            "The invite is on its way to ", rx.text.strong(AdminState.invite_mailed_to), ". It works once, for 7 days."
        ),
        icon="mail",
        color_scheme="green",
        width="100%",
        id="invite-mailed",
    )


def _created_invite() -> rx.Component:
    """The link just created, to copy and send, when this server sends no mail: it is shown only this once."""
    return rx.callout.root(
        rx.callout.text("Send this single-use link to the person you invited; it works for 7 days:"),
        rx.hstack(
            rx.code(AdminState.invite_link, id="invite-link", style={"wordBreak": "break-all"}),
            rx.icon_button(
                rx.icon("copy", size=16),
                size="1",
                variant="soft",
                aria_label="Copy invite link",
                on_click=[rx.set_clipboard(AdminState.invite_link), rx.toast.success("Link copied")],
            ),
            align="center",
        ),
        color_scheme="green",
        width="100%",
    )


def invites_section() -> rx.Component:
    return section(
        "Invite people",
        "They get a link to choose their name and password.",
        _invite_form(),
        rx.cond(AdminState.invite_link != "", _created_invite()),
        rx.cond(AdminState.invite_mailed_to != "", _mailed_invite()),
        rx.cond(
            AdminState.invites.length() > 0,
            stacked_table(
                ["Email", "Status", "Expires", ""], rx.foreach(AdminState.invites, _invite_row), "invites-table"
            ),
        ),
        section_id="invites",
    )


def _person_options(placeholder: str) -> list[rx.Component]:
    return [
        rx.el.option(placeholder, value="", disabled=True),
        rx.foreach(AdminState.active_people, lambda p: rx.el.option(p.display_name, value=p.id.to_string())),
    ]


def _line_row(line: ReportingLineRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(line.report_name),
        rx.table.cell(line.manager_name),
        rx.table.cell(line.starts_on),
        rx.table.cell(rx.cond(line.ends_on != "", line.ends_on, "—")),
        rx.table.cell(
            rx.cond(
                line.current,
                quiet_button("End", size="1", id=f"end-line-{line.id}", on_click=AdminState.end_line(line.id)),
            )
        ),
    )


def _line_form() -> rx.Component:
    errors = AdminState.line_errors
    return server_form(
        field_columns(
            native_select(
                "line-report", "Person", errors, _person_options("Choose a person"), name="report_id", default_value=""
            ),
            native_select(
                "line-manager",
                "Reports to",
                errors,
                _person_options("Choose their manager"),
                name="manager_id",
                default_value="",
            ),
            text_field("line-starts-on", "From", errors, name="starts_on", type="date", default_value=AdminState.today),
        ),
        submit_button("line-submit", "Save reporting line", AdminState.saving_line, margin_top="var(--space-3)"),
        form_id="line-form",
        on_submit=AdminState.set_line,
    )


def lines_section() -> rx.Component:
    return section(
        "Reporting lines",
        "Who manages whom. Ending a line keeps its history; the manager loses access that day.",
        _line_form(),
        rx.cond(
            AdminState.lines.length() > 0,
            stacked_table(
                ["Person", "Reports to", "From", "Until", ""], rx.foreach(AdminState.lines, _line_row), "lines-table"
            ),
            empty_note("No reporting lines yet. Add one above so managers can coach their reports.", "lines-empty"),
        ),
        section_id="reporting-lines",
    )


def roles_note() -> rx.Component:
    """Roles come from relationships, not from a setting per person."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("info")),
        rx.vstack(
            rx.text(rx.text.strong("How roles work. "), "Everyone is a professional with their own loops.", size="2"),
            rx.text(
                "Managers come from reporting lines: set one below, and the manager coaches that person "
                "inside their loop until the line ends.",
                size="2",
            ),
            rx.text(
                "Mentors are chosen by the professional, in their Settings: a mentor reads their progress "
                "and leaves notes, and the professional can end it at any time.",
                size="2",
            ),
            rx.text(
                "As an admin you see people and lines, and the organisation's loops in aggregate — never anyone's loops.",
                size="2",
            ),
            spacing="1",
        ),
        color_scheme="gray",
        variant="surface",
        width="100%",
        id="roles-note",
    )


@page(routes.ADMIN, "Admin", on_load=AdminState.load)
def admin() -> rx.Component:
    return once_loaded(
        AdminState.loaded,
        rx.vstack(
            rx.flex(
                rx.heading("Admin", size="7", as_="h1"),
                rx.hstack(
                    rx.link("Organisation insights", href=routes.ORGANISATION_INSIGHTS, id="org-insights-link"),
                    rx.link("Competency framework", href=routes.FRAMEWORK, id="framework-link"),
                    rx.link("Security log", href=routes.AUDIT_LOG, id="security-log-link"),
                    spacing="4",
                    wrap="wrap",
                ),
                justify="between",
                align="baseline",
                wrap="wrap",
                width="100%",
            ),
            roles_note(),
            invites_section(),
            people_section(),
            lines_section(),
            organisation_export_section(),
            spacing="5",
            width="100%",
        ),
    )
