"""/export: the patient's own diary as a PDF report, a CSV file and a FHIR bundle."""

from __future__ import annotations

from datetime import date

from telegram import Update

from diarybot import texts
from diarybot.bot.context import BotContext
from diarybot.bot.replies import profile_or_prompt, reply
from diarybot.bot.report_delivery import build_report, in_background, send_report
from diarybot.domain.command_words import read_switch
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.parsing import parse_period
from diarybot.texts import fairness
from diarybot.texts.erasure import export_all_hint

DEFAULT_EXPORT_DAYS = 30


async def export_command(update: Update, context: BotContext) -> None:
    """/export [30|90|all|START END]: send the three files for the period."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    svc = context.services
    today = local_date(svc.clock(), zone(profile.timezone))
    args = list(context.args or [])
    if len(args) == 1 and read_switch(args[0]) == "all":
        entries = await svc.store.diary.entries(profile.user_id)
        start = entries[0].local_date if entries else today
        period: tuple[date, date] | None = (min(start, today), today)
    else:
        period = parse_period(args or [str(DEFAULT_EXPORT_DAYS)], today)
    if period is None:
        await reply(update, texts.export_usage())
        return
    start, end = period

    async def export() -> None:
        await reply(update, texts.preparing())
        files = await build_report(svc, profile, start, end)
        if files is None:
            empty = texts.export_empty().format(
                start=texts.short_date(start), end=texts.short_date(end)
            )
            await reply(update, empty)
            return
        intro = texts.export_intro().format(
            start=texts.short_date(start), end=texts.short_date(end)
        )
        if not args:  # the default period: say how to get everything
            hint = export_all_hint(DEFAULT_EXPORT_DAYS).format(days=DEFAULT_EXPORT_DAYS)
            intro = "\n\n".join([intro, hint])
        await send_report(context.bot, profile.chat_id, files, caption=intro)

    await in_background(
        update, context, profile.user_id, export, too_long=fairness.export_too_long()
    )
