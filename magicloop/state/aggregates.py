"""The organisation's insights, for its admins: aggregates only."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.services import organisation_insights
from magicloop.services.organisation_insights import Figure, OrganisationInsights
from magicloop.state.auth import AuthState
from magicloop.state.loading import load_view

NOTHING = Figure(label="", value=None, shown="")
EMPTY = OrganisationInsights(
    since="", stages=[], closure=NOTHING, reply_days=NOTHING, loop_days=NOTHING, quarter="", index_bands=[]
)


def _bars(figures: list[Figure]) -> list[dict[str, str | float | None]]:
    return [{"label": f.label, "value": f.value} for f in figures]


class OrganisationInsightsState(rx.State):
    insights: OrganisationInsights = EMPTY
    loaded: bool = False

    @rx.var
    def stages_chart(self) -> list[dict[str, str | float | None]]:
        return _bars(self.insights.stages)

    @rx.var
    def bands_chart(self) -> list[dict[str, str | float | None]]:
        return _bars(self.insights.index_bands)

    @rx.var
    def any_stage(self) -> bool:
        return any(f.value is not None for f in self.insights.stages)

    @rx.var
    def any_band(self) -> bool:
        return any(f.value is not None for f in self.insights.index_bands)

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        if auth.signed_in and not auth.me.is_admin:
            return [rx.redirect(routes.DASHBOARD), rx.toast.error("Only an organisation admin can open that page.")]
        return await load_view(self, "insights", organisation_insights.organisation_insights)
