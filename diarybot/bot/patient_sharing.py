"""The patient's side of sharing: /share codes, confirming a request, /sharing, /unshare, /name."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import keyboards
from diarybot.bot import specialist as specialist_side
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.models import Specialist
from diarybot.domain.share_codes import format_code

NAME_MAX = 60


async def share_command(update: Update, context: BotContext) -> None:
    """/share: a one-time code for the patient to hand to their specialist."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    svc = context.services
    code = format_code(await svc.store.sharing.create_code(profile.user_id, svc.clock()))
    await reply(update, texts.SHARE_CODE.format(code=code))


async def sharing_command(update: Update, context: BotContext) -> None:
    """/sharing and /unshare: whom the patient shares with, each with a button to stop."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    sharing = context.services.store.sharing
    links = await sharing.links(profile.user_id)
    pending = await sharing.pending(profile.user_id)
    if not links and not pending:
        await reply(update, texts.SHARING_NONE)
        return
    lines = [f"• {link.name}" for link in links]
    lines += [f"• {link.name}{texts.SHARING_PENDING}" for link in pending]
    buttons = [
        (link.specialist_id, texts.BUTTON_STOP_SHARING.format(name=link.name))
        for link in [*links, *pending]
    ]
    await reply(
        update,
        texts.SHARING_LIST.format(lines="\n".join(lines)),
        reply_markup=keyboards.people_keyboard(keyboards.UNSHARE, buttons),
    )


async def unshare_button(update: Update, context: BotContext) -> None:
    """Stop sharing with one specialist (or withdraw a request not yet confirmed)."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    specialist_id = int(callback.args[0])
    sharing = context.services.store.sharing
    links = await sharing.links(user_id)
    name = next((link.name for link in links if link.specialist_id == specialist_id), None)
    await sharing.unlink(user_id, specialist_id)
    await sharing.decline(user_id, specialist_id)
    if name is None:
        await edit(query, texts.LINK_REQUEST_GONE)
        return
    await edit(query, texts.UNSHARED.format(name=name))


async def link_answer_button(update: Update, context: BotContext) -> None:
    """The patient allows or declines a specialist's request."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    query, callback = press.query, press.callback
    svc = context.services
    specialist_id = int(callback.args[0])
    if callback.kind == keyboards.LINK_DECLINE:
        pending = await svc.store.sharing.pending(profile.user_id)
        request = next((p for p in pending if p.specialist_id == specialist_id), None)
        if request is None or not await svc.store.sharing.decline(profile.user_id, specialist_id):
            await edit(query, texts.LINK_REQUEST_GONE)
            return
        await edit(query, texts.LINK_DECLINED.format(name=request.name))
        await context.bot.send_message(specialist_id, texts.LINK_DECLINED_SPECIALIST)
        return
    defaults = Specialist(
        user_id=specialist_id, chat_id=specialist_id, timezone=svc.settings.default_timezone
    )
    link = await svc.store.sharing.confirm(profile.user_id, specialist_id, defaults, svc.clock())
    if link is None:
        await edit(query, texts.LINK_REQUEST_GONE)
        return
    await edit(query, texts.LINK_ALLOWED.format(name=link.name))
    await specialist_side.welcome_linked(context, specialist_id, profile)


async def name_command(update: Update, context: BotContext) -> None:
    """/name NAME: the name reports show (default: the Telegram name at /start)."""
    profile = await profile_or_prompt(update, context)
    if profile is None or update.effective_message is None:
        return
    parts = (update.effective_message.text or "").split(maxsplit=1)
    name = " ".join(parts[1].split()) if len(parts) > 1 else ""
    if not name or len(name) > NAME_MAX or not name.isprintable():
        await reply(update, texts.NAME_USAGE)
        return
    await context.services.store.profiles.update(profile.user_id, display_name=name)
    await reply(update, texts.NAME_SET.format(name=name))
