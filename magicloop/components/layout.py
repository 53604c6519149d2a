"""Page templates: every page is a short function of its content."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from magicloop import routes, styles
from magicloop.components.buttons import quiet_button
from magicloop.components.links import plain_link, text_link
from magicloop.state.auth import AuthState
from magicloop.state.live import LiveState
from magicloop.state.opening import opener


def brand_name(size: str) -> rx.Component:
    """The product's name in heading type, but not a heading: each page's own title is its one h1."""
    return rx.text("Magic Loop", as_="span", size=size, weight="bold")


def nav_link(label: str, href: str, link_id: str) -> rx.Component:
    return plain_link(label, href=href, id=link_id, weight="medium", color_scheme="gray", high_contrast=True)


def navbar() -> rx.Component:
    return rx.el.header(
        rx.flex(
            plain_link(
                rx.hstack(rx.icon("refresh-cw", size=20), brand_name("4"), align="center"),
                href=routes.DASHBOARD,
                id="nav-home",
                underline="none",
                high_contrast=True,
            ),
            rx.el.nav(
                rx.hstack(
                    nav_link("Dashboard", routes.DASHBOARD, "nav-dashboard"),
                    nav_link("My loop", routes.LOOP, "nav-loop"),
                    nav_link("Insights", routes.INSIGHTS, "nav-insights"),
                    nav_link("Pulse", routes.PULSE, "nav-pulse"),
                    rx.cond(AuthState.me.manages, nav_link("Team", routes.TEAM, "nav-team")),
                    rx.cond(AuthState.me.mentors, nav_link("Mentees", routes.MENTEES, "nav-mentees")),
                    nav_link("Settings", routes.SETTINGS, "nav-settings"),
                    rx.cond(AuthState.me.is_admin, nav_link("Admin", routes.ADMIN, "nav-admin")),
                    spacing="4",
                    wrap="nowrap",
                ),
                aria_label="Main",
                # On a phone the links take their own row and scroll sideways.
                style={
                    "order": rx.breakpoints(initial="3", md="0"),
                    "width": rx.breakpoints(initial="100%", md="auto"),
                    "overflowX": "auto",
                    "whiteSpace": "nowrap",
                    "paddingBottom": "2px",
                },
            ),
            rx.spacer(),
            rx.hstack(
                plain_link(
                    rx.icon("bell", size=18),
                    rx.cond(
                        LiveState.unread > 0,
                        rx.badge(
                            LiveState.unread, color_scheme="red", variant="solid", radius="full", id="unread-count"
                        ),
                    ),
                    href=routes.NOTIFICATIONS,
                    id="nav-notifications",
                    # The name says what the red number means.
                    aria_label=rx.cond(
                        LiveState.unread > 0,
                        "Notifications, " + LiveState.unread.to_string() + " unread",
                        "Notifications",
                    ),
                    display="flex",
                    align_items="center",
                    gap="4px",
                    color="var(--gray-12)",
                ),
                rx.text(
                    AuthState.me.display_name,
                    size="2",
                    color=styles.MUTED,
                    id="nav-user-name",
                    display=rx.breakpoints(initial="none", sm="block"),
                ),
                quiet_button("Sign out", id="sign-out", size="2", on_click=AuthState.sign_out),
                align="center",
            ),
            align="center",
            wrap="wrap",
            spacing=rx.breakpoints(initial="3", md="5"),
            padding_x="var(--space-4)",
            padding_y="var(--space-3)",
            max_width=styles.CONTENT_MAX_WIDTH,
            margin_x="auto",
        ),
        style={"borderBottom": "1px solid var(--gray-a5)", "background": "var(--color-panel-solid)"},
    )


LOOP_ACCESS = (
    "Access comes from a reporting line (set by an admin) or a mentor grant (given by the professional). "
    "If you think you should see this, ask them."
)


def no_access(heading: str, reason: rx.Var[str], problem_id: str, access: str = LOOP_ACCESS) -> rx.Component:
    """A page the person cannot (or can no longer) open: what, why, where access comes from, and the way back."""
    return rx.vstack(
        rx.heading(heading, size="7", as_="h1"),
        rx.callout(reason, icon="triangle-alert", color_scheme="red", id=problem_id, width="100%"),
        rx.text(access, size="2", color=styles.MUTED),
        text_link("Back to your dashboard", href=routes.DASHBOARD, id=problem_id + "-back"),
        spacing="3",
        width="100%",
    )


def loading() -> rx.Component:
    return rx.center(rx.spinner(size="3", aria_label="Loading"), padding="var(--space-9)")


def once_loaded(loaded: rx.Var[bool], content: rx.Component) -> rx.Component:
    """A page's content once its state has loaded what it shows; a spinner until then."""
    return rx.cond(loaded, content, loading())


def sections(*children: rx.Component) -> rx.Component:
    """A page's sections, one under the other."""
    return rx.vstack(*children, spacing="4", width="100%")


def page_header(title: str | rx.Var[str], intro: str | rx.Var[str], title_id: str | None = None) -> rx.Component:
    """A page's one h1 and, under it in muted text, what the page is for."""
    return rx.fragment(rx.heading(title, size="7", as_="h1", id=title_id), rx.text(intro, color=styles.MUTED))


def refused_or(
    state: Any, refusal: str, problem_id: str, content: rx.Component, access: str = LOOP_ACCESS
) -> rx.Component:
    """`content`, or why it isn't open to this person when the `state` that loads it has a `problem`."""
    return rx.cond(state.problem != "", no_access(refusal, state.problem, problem_id, access), content)


def _backdrop(*children: rx.Component) -> rx.Component:
    """The grey behind every page, at least a screen tall."""
    return rx.box(*children, min_height="100vh", background="var(--gray-2)")


CONTENT = "content"  # the id of every signed-in page's main


def _skip_link() -> rx.Component:
    """The Tab key's first stop, shown only when it has the focus: past the navigation to the page's own content
    (assets/focus.js moves the focus, so the address keeps no #)."""
    hidden = {"position": "absolute", "left": "-10000px", "top": "auto", "width": "1px", "height": "1px"}
    return rx.el.a(
        "Skip to content",
        href="#" + CONTENT,
        class_name="skip-link",
        style={
            **hidden,
            "&:focus": {
                "left": "var(--space-3)",
                "top": "var(--space-3)",
                "width": "auto",
                "height": "auto",
                "zIndex": "10",
                "padding": "var(--space-2) var(--space-3)",
                "background": "var(--color-panel-solid)",
                "borderRadius": "var(--radius-2)",
                "boxShadow": "var(--shadow-3)",
                "color": "var(--accent-11)",
            },
        },
    )


def app_shell(content: rx.Component) -> rx.Component:
    return _backdrop(
        _skip_link(),
        navbar(),
        rx.el.main(
            rx.cond(AuthState.signed_in, content, loading()),
            id=CONTENT,
            tab_index=-1,  # the skip link's target takes the focus, with no ring around the whole page
            style={
                "maxWidth": styles.CONTENT_MAX_WIDTH,
                "margin": "0 auto",
                "padding": "var(--space-5) var(--space-4)",
                "outline": "none",
            },
        ),
    )


def public_shell(content: rx.Component) -> rx.Component:
    return _backdrop(
        rx.vstack(
            rx.hstack(rx.icon("refresh-cw", size=24), brand_name("6"), align="center"),
            rx.text("Do your job well, ask how to help, grow — and repeat.", color=styles.MUTED, text_align="center"),
            rx.el.main(content, style={"width": "100%", "display": "flex", "justifyContent": "center"}),
            align="center",
            spacing="4",
            padding_x="var(--space-4)",
            padding_y="var(--space-8)",
        ),
    )


def page(route: str, title: str, *, on_load: Any = None, public: bool = False) -> Callable:
    """Register a page with its shell; signed-in pages check the session on load."""

    def decorator(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        shell = public_shell if public else app_shell
        loads = [AuthState.redirect_if_signed_in] if public and on_load is None else []
        if not public:
            loads += [AuthState.require_user, LiveState.look_ahead]
        if on_load is not None:
            loads.extend(on_load if isinstance(on_load, list) else [on_load])
        if not public:
            loads.append(LiveState.start)  # last: it listens for changes to what the page loaded

        def render() -> rx.Component:
            return shell(content())

        render.__name__ = content.__name__
        # Reflex writes a page's compiled pieces to a module named after the function's module: each
        # page file gets its own, so a route ships only its own components, not every page's.
        render.__module__ = content.__module__
        rx.page(route=route, title=f"{title} · Magic Loop", on_load=opener(route, loads))(render)
        return render

    return decorator
