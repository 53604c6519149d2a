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
# What the manager sees on their report's loop: the same stage, from their side.
MANAGER_PROMPTS: dict[int, tuple[list[str], str]] = {
    1: (
        [
            "Rate the same competencies from where you sit, with the evidence you have seen.",
            "Where you and they differ by two or more, talk it through.",
        ],
        "“Journey mapping: 4 — the onboarding map changed our Q1 roadmap.”",
    ),
    2: (
        [
            "When they ask how they can help, name something real you would hand over.",
            "Say why it matters to you and by when; log it here so both of you track it.",
        ],
        "“Take the weekly CSAT read-out off my plate from next month.”",
    ),
    3: (
        [
            "Watch for deliveries and acknowledge them — delivered work deserves to be seen.",
            "Comment early when something looks blocked.",
        ],
        "“Read-out landed well with finance — thank you. Acknowledged.”",
    ),
    4: (
        [
            "Hear their goal; name the one or two gaps that stand between them and it.",
            "Be specific: feedback they can act on in the next few weeks.",
        ],
        "“To lead VoC you need to show you can turn insight into a funded business case.”",
    ),
    5: (
        [
            "Recommend next steps that close the gaps you named; each becomes a tracked item.",
            "Read their replies: that is how the loop closes.",
        ],
        "“Draft the churn business case with finance by the end of the quarter.”",
    ),
}
ADVANCED_PROMPT = (
    "Advanced mode: suggest an idea instead of only asking — “I noticed we rarely hear from customers "
    "in planning; I could run a short customer-centric culture pulse with the team. Would that help, "
    "or is there something else you'd rather I did?” Deliver the basics first: an idea lands best "
    "once your manager has seen you deliver their asks."
)
THEIR_IDEAS = (
    "Ideas they suggested instead of only asking. Their manager decides: accepted, an idea becomes an ask on "
    "this loop; declined, it keeps the reason why."
)


def coaching_card(stage: int, for_manager: bool = False) -> rx.Component:
    prompts, example = (MANAGER_PROMPTS if for_manager else PROMPTS)[stage]
    return rx.callout.root(
        rx.callout.icon(rx.icon("lightbulb")),
        rx.vstack(
            *[rx.text(prompt, size="2") for prompt in prompts],
            # Italic in the page's own font: Radix's <em> switches to a serif.
            rx.text("For example: ", example, size="2", color=styles.MUTED, font_style="italic"),
            spacing="1",
        ),
        variant="surface",
        width="100%",
        id=f"coaching-{stage}",
        aria_label="Coaching for this stage",
    )
