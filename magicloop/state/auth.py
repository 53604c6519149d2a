"""Who is signed in. The browser keeps only the session token; everything
else is resolved from it on the server, on every event that touches data."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx

from magicloop import routes
from magicloop.services import accounts
from magicloop.services.accounts import CurrentUser
from magicloop.state import shared_reads
from magicloop.state.forgetting import forget_tab, holds_the_session
from magicloop.state.runner import Outcome, called, run_for_token, run_public

ANONYMOUS = CurrentUser(
    id=0,
    display_name="",
    email="",
    time_zone="UTC",
    is_admin=False,
    advanced_mode=False,
    cadence="",
    checkin_rule="",
    organisation_name="",
    manages=False,
    mentors=False,
)


_DESCRIBE = "who is signed in"


@holds_the_session
class AuthState(rx.State):
    # Shared by every tab; signing out in one empties it in all of them.
    token: str = rx.LocalStorage("", name="magicloop_session", sync=True)
    me: CurrentUser = ANONYMOUS
    notice: str = ""  # why the person was sent to the sign-in page
    _described_for: str = ""  # the token `me` was last read for

    @rx.var
    def signed_in(self) -> bool:
        return self.me.id != 0

    # Helpers start with an underscore: Reflex exposes other methods as events
    # that any client may call.
    async def _end_session(self, notice: str = "") -> Any:
        """Signed out, or the session died: the tab forgets everything it was shown, this state included."""
        await forget_tab(self)
        self.notice = notice
        return rx.redirect(routes.SIGN_IN)

    async def _run(self, fn, *args, write: bool = True) -> Outcome:
        """Run a service as the signed-in user; a dead session signs this tab out."""
        had_token = bool(self.token)
        session = self.router.session
        outcome = await run_for_token(
            self.token, fn, *args, write=write, origin=session.client_token, client=session.client_ip
        )
        if outcome.signed_out:
            # Already signed out in this tab: keep the reason given then.
            await self._end_session(outcome.message if had_token or not self.notice else self.notice)
        return outcome

    def _today(self) -> dt.date:
        """Today where the signed-in person is, as this tab knows them (UTC until it does); a service is
        passed TODAY instead, which the runner fills in with the session's person."""
        return dt.datetime.now(ZoneInfo(self.me.time_zone or "UTC")).date()

    @rx.event
    async def require_user(self):
        """on_load of every signed-in page: who is signed in, once per tab, read along with the page's read
        (state/shared_reads.py) or alone. Every service call resolves the session afresh, and the tab's
        listener keeps `me` current."""
        if self._knows_who() or (self.token and shared_reads.go_along(_DESCRIBE, accounts.describe, then=self._took)):
            return None
        outcome = await self._run(accounts.describe, write=False)
        if outcome.signed_out:
            return rx.redirect(routes.SIGN_IN)
        self._took(outcome)
        return None

    def _knows_who(self) -> bool:
        return bool(self.me.id) and self.token == self._described_for

    def _took(self, described: Outcome) -> None:
        if described.ok:
            # Another tab may sign someone else in on this computer: `me` is theirs only for this token.
            self.me, self._described_for = described.value, self.token

    async def _know_who(self) -> Any:
        """Who is signed in, read alone if no read of this opening took it along (a page that reads nothing);
        the way to sign in if the session has gone."""
        shared_reads.taken(_DESCRIBE)
        if not self.token or self._knows_who():
            return None
        outcome = await self._run(accounts.describe, write=False)
        self._took(outcome)
        return rx.redirect(routes.SIGN_IN) if outcome.signed_out else None

    @rx.event
    async def redirect_if_signed_in(self):
        """on_load of the sign-in and sign-up pages."""
        if not self.token:
            return None
        outcome = await run_for_token(self.token, accounts.describe)
        if outcome.ok:
            self.me = outcome.value
            return rx.redirect(routes.DASHBOARD)
        self.token = ""
        return None

    @rx.event
    async def sign_out(self):
        await run_public(accounts.sign_out, self.token, client=self.router.session.client_ip)
        # What the last person was told goes with them.
        return [rx.toast.dismiss(), await self._end_session("You have signed out."), rx.toast.success("Signed out")]


def refusal(outcome: Outcome) -> Any:
    """What a handler returns for a refused outcome: back to sign-in when the
    session is gone, a toast when no single field is to blame."""
    if outcome.signed_out:
        return rx.redirect(routes.SIGN_IN)
    if outcome.message and not outcome.field_errors:
        return rx.toast.error(outcome.message)
    return None


async def perform(state: rx.State, fn, *args) -> Outcome:
    """Run a service as the signed-in user from any state's handler."""
    auth = await state.get_state(AuthState)
    return await auth._run(fn, *args)


def _read(db, user, reads: list) -> list:
    return [called(read, db, user, read_args) for read, read_args in reads]


def _written_then_read(db, user, write, args: list, reads: list) -> list:
    called(write, db, user, args)
    db.flush()
    return _read(db, user, reads)


async def perform_then(state: rx.State, write, args: list, *reads: tuple) -> Outcome:
    """`perform` a write, then read back what it changed in the same transaction: each of `reads` is
    `(fn, args)` for `fn(db, user, *args)`, and the outcome's value lists what they returned."""
    return await perform(state, _written_then_read, write, list(args), list(reads))


async def read_back(state: rx.State, *reads: tuple) -> Outcome:
    """What `perform_then` would have read after its write, read alone (after a write that was refused)."""
    return await look(state, _read, list(reads))


async def look(state: rx.State, fn, *args) -> Outcome:
    """`perform` for a service that reads: a page or a part of one, with the reads waiting to go along
    (state/shared_reads.py)."""
    auth = await state.get_state(AuthState)
    riders = shared_reads.waiting()
    if not riders:
        return await auth._run(fn, *args, write=False)
    outcome = await auth._run(_with_riders, fn, args, riders, write=False)
    if outcome.ok:
        value, read = outcome.value
        for rider, got in zip(riders, read, strict=True):
            rider.took(Outcome(value=got))
        return dataclasses.replace(outcome, value=value)
    if outcome.signed_out:
        for rider in riders:
            rider.took(outcome)
        return outcome
    # Refused: the page's read alone says why, and the riders wait for the next read or read alone.
    return await auth._run(fn, *args, write=False)


def _with_riders(db, user, fn, args: tuple, riders: list) -> tuple:
    return called(fn, db, user, args), [called(rider.read, db, user, rider.args) for rider in riders]


async def today_for(state: rx.State) -> dt.date:
    return (await state.get_state(AuthState))._today()
