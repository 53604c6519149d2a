"""The quarterly review: what the quarter holds, and both sides' summaries and sign-offs on one page."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.buttons import quiet_button
from magicloop.components.changed import KEEP, changed_notice, opened_at
from magicloop.components.comments import comments_button, comments_dialog
from magicloop.components.forms import stacked_form, submit_button, text_area
from magicloop.components.layout import once_loaded, page, refused_or, sections
from magicloop.components.lazy import lazy
from magicloop.components.links import plain_link
from magicloop.components.loop_pictures import CLOSURE_MEANING, closure_figures, loop_history_picture, ratings_picture
from magicloop.components.rich_text import markdown_text
from magicloop.components.sections import section
from magicloop.components.success_index import success_index_picture
from magicloop.services.reviews import MANAGER, OWNER
from magicloop.state.pictures import PicturesState
from magicloop.state.review import SUMMARY_FORM, ReviewState

REVIEW = ReviewState.review


def _quarter_link(key: rx.Var[str], label: rx.Var[str], link_id: str) -> rx.Component:
    return plain_link(
        label, href=routes.REVIEW + "?person=" + ReviewState.owner_id.to_string() + "&quarter=" + key, id=link_id
    )


def header() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading("Quarterly review, ", ReviewState.label, size="7", as_="h1", id="review-title"),
            rx.spacer(),
            rx.cond(REVIEW.id != 0, comments_button("review", REVIEW.id, "Quarterly review " + ReviewState.label)),
            align="center",
            wrap="wrap",
            width="100%",
        ),
        rx.text(ReviewState.owner_name, " and their manager look back on the quarter together.", color=styles.MUTED),
        rx.el.nav(
            rx.hstack(
                _quarter_link(ReviewState.previous, "← The quarter before", "review-previous"),
                rx.cond(ReviewState.next != "", _quarter_link(ReviewState.next, "The quarter after →", "review-next")),
                plain_link(
                    "Insights",
                    href=routes.INSIGHTS + "?person=" + ReviewState.owner_id.to_string(),
                    id="review-insights",
                ),
                spacing="4",
                wrap="wrap",
            ),
            aria_label="Other quarters",
        ),
        _status(),
        spacing="2",
        width="100%",
    )


def _status() -> rx.Component:
    return rx.cond(
        REVIEW.complete,
        rx.callout(
            "Both sides signed this review: it is read-only now. Comments stay open.",
            icon="lock",
            color_scheme="green",
            id="review-complete",
            width="100%",
        ),
        rx.callout(
            rx.cond(
                ReviewState.running,
                "The quarter ends on " + ReviewState.ends + ". Each of you writes a summary and signs it off; "
                "changing a summary withdraws the sign-offs given so far, so both sign what they read.",
                "Each of you writes a summary and signs it off; changing a summary withdraws the sign-offs given "
                "so far, so both sign what they read.",
            ),
            icon="info",
            color_scheme="gray",
            width="100%",
        ),
    )


def _signed(text: rx.Var[str], signed_id: str) -> rx.Component:
    return rx.cond(
        text != "",
        rx.badge(rx.icon("check", size=14), text, color_scheme="green", id=signed_id),
        rx.badge("Not signed yet", color_scheme="gray", id=signed_id),
    )


def _summary_form(summary: rx.Var[str]) -> rx.Component:
    """The signed-in side's own summary, and its sign-off."""
    return stacked_form(
        changed_notice(ReviewState.changed, SUMMARY_FORM, KEEP),
        opened_at(ReviewState.summary_version),
        text_area(
            "summary",
            "Your summary",
            ReviewState.errors,
            default_value=summary,
            rows="6",
            hint="What went well, what didn't, and what the next quarter should bring. Markdown works.",
        ),
        rx.hstack(
            submit_button("summary-submit", "Save summary", ReviewState.saving),
            rx.cond(
                REVIEW.signed_by_me,
                rx.text("You signed off.", size="2", color=styles.MUTED),
                quiet_button("Sign off", id="sign-off", type="button", on_click=ReviewState.sign_off),
            ),
            spacing="3",
            align="center",
        ),
        form_id=SUMMARY_FORM,
        on_submit=ReviewState.save_summary,
    )


def _side(title: rx.Var[str] | str, side: str, summary: rx.Var[str], signed: rx.Var[str]) -> rx.Component:
    mine = (REVIEW.my_side == side) & ~REVIEW.complete
    return section(
        title,
        "",
        _signed(signed, f"{side}-signed"),
        rx.cond(
            mine,
            _summary_form(summary),
            rx.cond(
                summary != "",
                rx.box(lazy(markdown_text, source=summary), id=f"{side}-summary"),
                rx.text("Not written yet.", size="2", color=styles.MUTED, id=f"{side}-summary"),
            ),
        ),
        section_id=f"{side}-side",
    )


def summaries() -> rx.Component:
    return rx.grid(
        _side(ReviewState.owner_name + "'s summary", OWNER, REVIEW.owner_summary, REVIEW.owner_signed),
        _side(
            rx.cond(
                REVIEW.manager_summary_by != "",
                "The manager's summary, by " + REVIEW.manager_summary_by,
                "The manager's summary",
            ),
            MANAGER,
            REVIEW.manager_summary,
            REVIEW.manager_signed,
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


def closure_in_quarter() -> rx.Component:
    return section(
        "Feedback closure in the quarter",
        CLOSURE_MEANING,
        rx.cond(
            PicturesState.closure.given > 0,
            closure_figures(PicturesState.closure, "review-closure"),
            rx.text("No asks or recommendations were given in this quarter.", size="2", color=styles.MUTED),
        ),
        section_id="review-closure",
    )


@page(routes.REVIEW, "Quarterly review", on_load=ReviewState.load)
def review_page() -> rx.Component:
    return once_loaded(
        ReviewState.loaded,
        refused_or(
            ReviewState,
            "This review isn't open to you",
            "review-problem",
            sections(
                header(),
                summaries(),
                success_index_picture(),
                closure_in_quarter(),
                loop_history_picture(
                    "The loops that ran in the quarter: how long each took, and what it delivered.",
                    "No loop ran in this quarter.",
                ),
                ratings_picture(),
                comments_dialog(),
            ),
        ),
    )
