"""/chart and the weekly chart: a patient's trend as a photo, rendered in a worker process."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime

from telegram import Bot, InputFile, Update

from diarybot import texts
from diarybot.bot.context import BotContext, Services
from diarybot.bot.replies import profile_or_prompt, reply
from diarybot.bot.report_delivery import in_background
from diarybot.domain.command_words import read_switch
from diarybot.domain.entries import Entry, scored
from diarybot.domain.localtime import local_date, week_bounds, zone
from diarybot.domain.parsing import parse_period
from diarybot.domain.people import Profile
from diarybot.domain.schedule import weekday_due
from diarybot.runtime import render_tasks
from diarybot.runtime.render_tasks import RenderedChart
from diarybot.texts import fairness
from diarybot.texts.i18n import format_decimal

logger = logging.getLogger(__name__)


async def render_chart(
    svc: Services, profile: Profile, entries: Sequence[Entry], start: date, end: date
) -> RenderedChart:
    """Render entries the bot already holds in a render worker."""
    options = render_tasks.chart_options(profile)
    tz = zone(profile.timezone)
    return await svc.renderer.run(render_tasks.chart, list(entries), tz.key, start, end, options)


async def period_chart(
    svc: Services, profile: Profile, start: date, end: date
) -> RenderedChart | None:
    """The chart of a period, or None when it has no entries.

    The worker reads the diary itself, so a year of entries is never parsed in the bot. When it
    cannot read the file, the store does (and sets a torn file aside, telling the patient).
    """
    path = svc.store.diary.path(profile.user_id)
    tz = zone(profile.timezone)
    options = render_tasks.chart_options(profile)
    result = await svc.renderer.run(
        render_tasks.chart_from_diary, path, tz.key, start, end, options
    )
    if result != render_tasks.UNREADABLE:
        return result
    entries = await svc.store.diary.entries(profile.user_id, start, end)
    return await render_chart(svc, profile, entries, start, end) if scored(entries) else None


def caption(chart: RenderedChart, start: date, end: date) -> str:
    """The photo caption: the period and the key numbers, as on the chart."""
    return texts.chart_caption(chart.days_in_period).format(
        start=texts.short_date(start),
        end=texts.short_date(end),
        mean=format_decimal(chart.mean) if chart.mean is not None else texts.no_figure(),
        worst=chart.worst if chart.worst is not None else texts.no_figure(),
        logged=chart.days_logged,
        days=chart.days_in_period,
    )


async def send_chart(bot: Bot, svc: Services, profile: Profile, start: date, end: date) -> bool:
    """Send the chart for a period as a photo; False (and nothing sent) when it has no entries."""
    chart = await period_chart(svc, profile, start, end)
    if chart is None:
        return False
    await bot.send_photo(
        profile.chat_id,
        InputFile(chart.png, filename=f"pain-diary-{start}-{end}.png"),
        caption=caption(chart, start, end),
    )
    return True


async def chart_command(update: Update, context: BotContext) -> None:
    """/chart [7|30|90|month|START END]: the trend chart as a photo."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    svc = context.services
    today = local_date(svc.clock(), zone(profile.timezone))
    period = parse_period(list(context.args or []), today)
    if period is None:
        await reply(update, texts.chart_usage())
        return
    start, end = period

    async def chart() -> None:
        if not await send_chart(context.bot, svc, profile, start, end):
            empty = texts.chart_empty().format(
                start=texts.short_date(start), end=texts.short_date(end)
            )
            await reply(update, empty)

    await in_background(
        update, context, profile.user_id, chart, too_long=fairness.chart_too_long()
    )


async def weekly_command(update: Update, context: BotContext) -> None:
    """/weekly on|off: a chart of the week every Sunday at the reminder time."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    choice = read_switch((context.args or [""])[0])
    if choice not in ("on", "off"):
        await reply(
            update, texts.weekly_usage_on() if profile.weekly_chart else texts.weekly_usage_off()
        )
        return
    await context.services.store.profiles.update(profile.user_id, weekly_chart=choice == "on")
    await reply(update, texts.weekly_on() if choice == "on" else texts.weekly_off())


def weekly_due(profile: Profile, now: datetime) -> bool:
    """Sunday (the end of the ISO week) once the reminder time has passed, once that day."""
    if not profile.weekly_chart or not profile.reminders_active:
        return False
    sunday = 6
    return weekday_due(
        sunday, profile.reminder_time, profile.timezone, profile.last_weekly_chart, now
    )


async def send_weekly_if_due(bot: Bot, svc: Services, profile: Profile) -> None:
    """Called by the daily reminder job: the week's chart on its last day, exactly once."""
    now = svc.clock()
    if not weekly_due(profile, now):
        return
    today = local_date(now, zone(profile.timezone))
    claimed, _ = await svc.store.profiles.claim_day(profile.user_id, "last_weekly_chart", today)
    if not claimed:
        return
    start, end = week_bounds(today)
    if not await send_chart(bot, svc, profile, start, end):
        await bot.send_message(profile.chat_id, texts.weekly_empty())
