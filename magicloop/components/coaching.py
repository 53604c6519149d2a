"""The app coaches: each stage opens with a few prompts and an example."""

from __future__ import annotations

import reflex as rx

from magicloop import styles

PROMPTS: dict[int, tuple[list[str], str]] = {
    1: (
        [
            "Which parts of your current CX role do you do best — research, one-to-one work with customers, "
            "journey maps, business cases, moving the culture?",
            "Where would your manager say you fall short? What do you want to be doing in a year?",
            "Make each action step specific and dated.",
        ],
        "“Run five customer interviews on onboarding by 15 March, and share the themes with the team.”",
    ),
    2: (
        [
            "Ask plainly, “What could I take off your plate?”",
            "Write down exactly what was asked, by when, and why it matters to them.",
            "Take the unglamorous asks too.",
        ],
        "“Own the weekly CSAT read-out from next month — it takes me two hours every Monday.”",
    ),
    3: (
        [
            "Deliver, then tell.",
            "Record the evidence your manager would want to see.",
            "If something is blocked, say so early — and learn from it with a COE review.",
        ],
        "“Read-out shipped three weeks running; prep is down to 40 minutes. Deck linked below.”",
    ),
    4: (
        [
            "Name your goal out loud.",
            "Ask what gap stands between you and it.",
            "Write down the feedback as you heard it, not as you'd like it to be.",
        ],
        "“To lead VoC I need to show I can turn insight into a funded business case.”",
    ),
    5: (
        [
            "Do what was suggested.",
            "Then close the loop: reply saying what you did.",
        ],
        "“Done — I drafted the churn business case; finance approved it for Q2.”",
    ),
}
ADVANCED_PROMPT = (
    "Advanced mode: suggest an idea instead of only asking — “I noticed we rarely hear from customers "
    "in planning; I could run a short customer-centric culture pulse with the team. Would that help, "
    "or is there something else you'd rather I did?” Deliver the basics first: an idea lands best "
    "once your manager has seen you deliver their asks."
)


def coaching_card(stage: int) -> rx.Component:
    prompts, example = PROMPTS[stage]
    return rx.callout.root(
        rx.callout.icon(rx.icon("lightbulb")),
        rx.vstack(
            *[rx.text(prompt, size="2") for prompt in prompts],
            rx.text(rx.text.em("For example: ", example), size="2", color=styles.MUTED),
            spacing="1",
        ),
        color_scheme="teal",
        variant="surface",
        width="100%",
        id=f"coaching-{stage}",
    )
