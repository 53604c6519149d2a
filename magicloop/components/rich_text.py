"""What people write in Markdown (comments, notes, progress updates), shown as formatted text.

A memo component: pages show it through `lazy`, so the Markdown parser loads only there, after
the page itself. Plain Markdown with GitHub's additions (tables, bare links); no raw HTML, no
maths, no syntax highlighting: their libraries outweigh everything else the browser loads.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop.components.links import text_link


def _link(text: Any, **props: Any) -> rx.Component:
    """Links people write lead out of the app: a new tab, not handed this page."""
    return text_link(text, is_external=True, rel="noopener noreferrer nofollow", **props)


def _code_block(text: Any, language: Any = None, **props: Any) -> rx.Component:
    """A fenced block as it was typed, wrapped to the width (its language would only pick a highlighter)."""
    return rx.el.pre(text, style={"whiteSpace": "pre-wrap", "fontFamily": "var(--code-font-family)"}, **props)


@rx.memo
def markdown_text(source: rx.Var[str]) -> rx.Component:
    return rx.markdown(
        source,
        use_raw=False,
        use_math=False,
        use_katex=False,
        use_unwrap_images=False,
        component_map={"a": _link, "pre": _code_block},
    )
