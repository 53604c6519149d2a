"""A professional's insights: are their loops working?"""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.components.layout import once_loaded, page, page_header, refused_or, sections
from magicloop.components.links import button_link
from magicloop.components.loop_pictures import (
    insights_closure_picture,
    loop_history_picture,
    ratings_picture,
    readiness_picture,
)
from magicloop.components.success_index import success_index_picture
from magicloop.state.insights import InsightsState


def ways_on() -> rx.Component:
    """To this quarter's review, and for a manager or mentor to the timeline too."""
    person = InsightsState.owner_id.to_string()
    return rx.hstack(
        button_link(
            "This quarter's review",
            routes.REVIEW + "?person=" + person + "&quarter=" + InsightsState.quarter,
            link_id="insights-review",
            size="2",
        ),
        rx.cond(
            ~InsightsState.is_owner,
            button_link(
                "Progress timeline",
                routes.PROGRESS + "?person=" + person,
                link_id="insights-progress",
                size="2",
                variant="soft",
            ),
        ),
        spacing="2",
        wrap="wrap",
    )


@page(routes.INSIGHTS, "Insights", on_load=InsightsState.load)
def insights_page() -> rx.Component:
    return once_loaded(
        InsightsState.loaded,
        refused_or(
            InsightsState,
            "These insights aren't open to you",
            "insights-problem",
            sections(
                page_header(
                    rx.cond(InsightsState.is_owner, "Your insights", InsightsState.owner_name + "'s insights"),
                    "Are the loops working? What was committed and delivered, how feedback gets closed, and how "
                    "each loop moved the professional towards their goal.",
                    "insights-title",
                ),
                ways_on(),
                success_index_picture(),
                insights_closure_picture(),
                loop_history_picture(),
                ratings_picture(),
                readiness_picture(),
            ),
        ),
    )
