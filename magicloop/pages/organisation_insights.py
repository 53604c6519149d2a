"""Admin: the organisation's loops in aggregate, never anyone's content."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.components.charts import TREND_HEIGHT, counts_bars
from magicloop.components.layout import once_loaded, page, page_header, sections
from magicloop.components.picture import drawn, picture, stat
from magicloop.components.sections import section
from magicloop.services.organisation_insights import THRESHOLD, Figure
from magicloop.state.aggregates import OrganisationInsightsState

INSIGHTS = OrganisationInsightsState.insights


def _row(figure: Figure) -> rx.Component:
    return rx.table.row(rx.table.row_header_cell(figure.label), rx.table.cell(figure.shown))


def _counts(title: str, description, headers: list[str], figures, rows, any_shown, empty: str, picture_id: str):
    return picture(
        title,
        description,
        drawn(counts_bars, rows, TREND_HEIGHT),
        (headers, rx.foreach(figures, _row)),
        any_shown,
        empty,
        picture_id,
    )


def figures() -> rx.Component:
    return section(
        "Over the last year",
        "Since " + INSIGHTS.since + ": asks and recommendations closed with a reply (an ask by its delivery, a "
        "recommendation by the professional's reply), and the loops closed.",
        rx.flex(
            stat(INSIGHTS.closure.label, INSIGHTS.closure.shown, "org-closure"),
            stat(INSIGHTS.reply_days.label, INSIGHTS.reply_days.shown, "org-reply-days"),
            stat(INSIGHTS.loop_days.label, INSIGHTS.loop_days.shown, "org-loop-days"),
            spacing="6",
            wrap="wrap",
        ),
        section_id="org-figures",
    )


@page(routes.ORGANISATION_INSIGHTS, "Organisation insights", on_load=OrganisationInsightsState.load)
def organisation_insights() -> rx.Component:
    return once_loaded(
        OrganisationInsightsState.loaded,
        sections(
            page_header(
                "Organisation insights",
                "How the organisation's loops are going, in aggregate: never anyone's goals, items or words. A figure "
                f"that would count fewer than {THRESHOLD} people is hidden, so no one can be picked out.",
            ),
            figures(),
            _counts(
                "Loops per stage",
                f"The loops under way, by the stage they are at. A stage without a bar counts fewer than {THRESHOLD} "
                "people.",
                ["Stage", "Loops"],
                INSIGHTS.stages,
                OrganisationInsightsState.stages_chart,
                OrganisationInsightsState.any_stage,
                f"Nothing to show yet: each stage is shown once at least {THRESHOLD} people's loops are at it. "
                "Invite people and set their reporting lines so they start their loops.",
                "org-stages",
            ),
            _counts(
                "Success Index of the last quarter",
                "In " + INSIGHTS.quarter + ", the last quarter to have ended: how many people's index falls in each "
                f"band. A band without a bar counts fewer than {THRESHOLD} people.",
                ["Index", "People"],
                INSIGHTS.index_bands,
                OrganisationInsightsState.bands_chart,
                OrganisationInsightsState.any_band,
                f"Nothing to show yet: each band is shown once at least {THRESHOLD} people's index falls in it. "
                "The index counts asks, recommendations and action steps that have a due date.",
                "org-index",
            ),
        ),
    )
