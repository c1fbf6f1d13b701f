"""What a user reads when the bot's fairness limits hold them back (runtime/update_order.py,
runtime/render_pool.py, bot/report_delivery.py). Whole sentences with named placeholders."""

from __future__ import annotations

SLOW_DOWN = (
    "You sent a lot of messages at once, faster than I can answer them. I will answer the "
    "first ones; the rest were not read or saved. Please wait for my replies, then send "
    "anything that is missing again."
)

ALREADY_WORKING = (
    "I am already working on your last chart or report. It will arrive in a moment; please "
    "wait for it before asking for another one."
)

CHART_TOO_LONG = (
    "That chart took too long to draw, so I stopped. Please try a shorter period, for "
    "example /chart 90."
)
EXPORT_TOO_LONG = (
    "Those files took too long to prepare, so I stopped. Please try a shorter period, for "
    "example /export 90, or try again later."
)
SUMMARY_TOO_LONG = (
    "The summary for {name} took too long to prepare, so I stopped. Please try again later."
)
