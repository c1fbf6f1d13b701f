"""After a score is saved: a kind message on a flare, and an alert to specialists who opted in.

Never more than one flare message a day (the day is stored). Specialists are alerted only
while the patient shares with them and only if they turned alerts on (/alerts on).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from telegram import Bot, Update
from telegram.error import TelegramError

from diarybot import texts
from diarybot.bot.context import BotContext, Services
from diarybot.bot.replies import patient_id, reply
from diarybot.bot.specialist_delivery import still_shared
from diarybot.domain.command_words import read_switch
from diarybot.domain.entries import Entry
from diarybot.domain.flares import HELPFUL_LOOKBACK_DAYS, Flare, flare_today, helpful_techniques
from diarybot.domain.people import Profile, Specialist
from diarybot.texts import i18n
from diarybot.texts.i18n import format_decimal, format_list

logger = logging.getLogger(__name__)


def reason(flare: Flare) -> str:
    """Why it counts as a flare, in the patient's own numbers."""
    if flare.yesterday is not None:
        return texts.flare_reason_high().format(today=flare.today, yesterday=flare.yesterday)
    # A flare without yesterday's score is a jump over the baseline, so it has one.
    return texts.flare_reason_jump().format(
        today=flare.today, baseline=format_decimal(flare.baseline or 0.0)
    )


def lookback_start(entry: Entry) -> date:
    """The first day of entries the flare check after `entry` looks at."""
    return entry.local_date - timedelta(days=HELPFUL_LOOKBACK_DAYS + 1)


async def check_after_entry(
    bot: Bot, svc: Services, profile: Profile, entry: Entry, recent: list[Entry] | None = None
) -> None:
    """Tell the patient (and opted-in specialists) about a flare, at most once a day.

    `recent`: the patient's entries from `lookback_start(entry)` on, if already read.
    """
    today = entry.local_date
    if profile.last_flare_notice == today:
        return
    entries = recent
    if entries is None:
        entries = await svc.store.diary.entries(profile.user_id, lookback_start(entry), today)
    flare = flare_today(entries, today)
    if flare is None:
        return
    claimed, _ = await svc.store.profiles.claim_day(profile.user_id, "last_flare_notice", today)
    if not claimed:
        return
    helped = helpful_techniques(entries, today)
    names = format_list([texts.technique_names()[t] for t in helped])
    notice = texts.flare_notice_helped() if helped else texts.flare_notice()
    await bot.send_message(profile.chat_id, notice.format(reason=reason(flare), techniques=names))
    await _alert_specialists(bot, svc, profile, flare)


async def _alert_specialists(bot: Bot, svc: Services, profile: Profile, flare: Flare) -> None:
    for link in await svc.store.sharing.links(profile.user_id):
        specialist = await svc.store.specialists.get(link.specialist_id)
        if specialist is None or not specialist.flare_alerts:
            continue
        # Read again right before the send: the patient may have stopped sharing meanwhile.
        if await still_shared(svc, profile.user_id, specialist.user_id) is None:
            continue
        with i18n.speaking(specialist.language):  # the patient's entry, the specialist's words
            if profile.display_name:
                text = texts.flare_alert().format(name=profile.display_name, reason=reason(flare))
            else:
                text = texts.flare_alert_unnamed().format(reason=reason(flare))
        try:
            await bot.send_message(specialist.chat_id, text)
        except TelegramError as exc:  # one unreachable specialist must not stop the others
            logger.warning("Flare alert not delivered: %s", type(exc).__name__)


async def alerts_command(update: Update, context: BotContext) -> None:
    """/alerts on|off: a specialist's choice to hear about their patients' flares."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    default = Specialist(
        user_id, user_id, timezone=svc.settings.default_timezone, language=i18n.active()
    )
    current = await svc.store.specialists.get(user_id) or default
    choice = read_switch((context.args or [""])[0])
    if choice not in ("on", "off"):
        await reply(
            update, texts.alerts_usage_on() if current.flare_alerts else texts.alerts_usage_off()
        )
        return
    await svc.store.specialists.update(user_id, default, flare_alerts=choice == "on")
    await reply(update, texts.alerts_on() if choice == "on" else texts.alerts_off())
