"""What a user reads when the bot's fairness limits hold them back (runtime/update_order.py,
runtime/render_pool.py, bot/report_delivery.py). Whole sentences with named placeholders."""

from __future__ import annotations

from diarybot.texts.i18n import _


def slow_down() -> str:
    return _(
        "You sent a lot of messages at once, faster than I can answer them. I will answer the "
        "first ones; the rest were not read or saved. Please wait for my replies, then send "
        "anything that is missing again."
    )


def already_working() -> str:
    return _(
        "I am already working on your last chart or report. It will arrive in a moment; please "
        "wait for it before asking for another one."
    )


def chart_too_long() -> str:
    return _(
        "That chart took too long to draw, so I stopped. Please try a shorter period, for "
        "example /chart 90."
    )


def export_too_long() -> str:
    return _(
        "Those files took too long to prepare, so I stopped. Please try a shorter period, for "
        "example /export 90, or try again later."
    )


def summary_too_long() -> str:
    return _(
        "The summary for {name} took too long to prepare, so I stopped. Please try again later."
    )
