"""Which specialist's plan a reminder carries, and the one line of it that fits (pure).

The line is the specialist's own words, cut, never reworded: the bot adds no advice of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from diarybot.domain.links import Link

#: A reminder stays a reminder: one line of the plan, about a phone screen's width.
REMINDER_LINE_CHARS = 80
ELLIPSIS = "…"
_NEVER = datetime.min.replace(tzinfo=UTC)


def current_plan(links: Sequence[Link]) -> Link | None:
    """The link whose plan is newest (a plan written before dates were kept counts as oldest;
    among those, the specialist linked first), or None when no linked specialist wrote one.

    `links` are the patient's links now: a specialist they stopped sharing with has none, and
    their plan went with it.
    """
    with_plan = [(n, link) for n, link in enumerate(links) if first_line(link.plan)]
    if not with_plan:
        return None
    return max(with_plan, key=lambda item: (item[1].plan_at or _NEVER, -item[0]))[1]


def first_line(plan: str) -> str:
    """The plan's first line that has words, its spaces collapsed."""
    for line in plan.splitlines():
        words = line.split()
        if words:
            return " ".join(words)
    return ""


def reminder_line(plan: str, limit: int = REMINDER_LINE_CHARS) -> str:
    """The first line of `plan`, at most `limit` characters: cut at a word when one ends in
    the last third, with an ellipsis, so the patient sees that there is more in /plan."""
    line = first_line(plan)
    if len(line) <= limit:
        return line
    room = line[: limit - len(ELLIPSIS)]
    cut = room.rfind(" ")
    if cut >= limit * 2 // 3:
        room = room[:cut]
    return room.rstrip(" ,;:.-–") + ELLIPSIS
