"""The patient's side of sharing: /share codes, confirming a request, /sharing, /unshare, /name."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from diarybot import texts
from diarybot.bot import keyboards
from diarybot.bot import specialist as specialist_side
from diarybot.bot.context import services
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.models import Specialist
from diarybot.storage import sharing
from diarybot.storage.patients import PENDING_TABLE

NAME_MAX = 60


async def share_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/share: a one-time code for the patient to hand to their specialist."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    svc = services(context)
    code = sharing.format_code(await sharing.create_code(svc.store, profile.user_id, svc.clock()))
    await reply(update, texts.SHARE_CODE.format(code=code))


async def sharing_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sharing and /unshare: whom the patient shares with, each with a button to stop."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    store = services(context).store
    links = await store.run(profile.user_id, store.files.links, profile.user_id)
    pending = await store.run(profile.user_id, store.files.links, profile.user_id, PENDING_TABLE)
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


async def unshare_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop sharing with one specialist (or withdraw a request not yet confirmed)."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    specialist_id = int(callback.args[0])
    store = services(context).store
    links = await store.run(user_id, store.files.links, user_id)
    name = next((link.name for link in links if link.specialist_id == specialist_id), None)
    await sharing.unlink(store, user_id, specialist_id)
    await sharing.decline_link(store, user_id, specialist_id)
    if name is None:
        await edit(query, texts.LINK_REQUEST_GONE)
        return
    await edit(query, texts.UNSHARED.format(name=name))


async def link_answer_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The patient allows or declines a specialist's request."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    query, callback = press.query, press.callback
    svc = services(context)
    specialist_id = int(callback.args[0])
    if callback.kind == keyboards.LINK_DECLINE:
        pending = await svc.store.run(
            profile.user_id, svc.store.files.links, profile.user_id, PENDING_TABLE
        )
        request = next((p for p in pending if p.specialist_id == specialist_id), None)
        if request is None or not await sharing.decline_link(
            svc.store, profile.user_id, specialist_id
        ):
            await edit(query, texts.LINK_REQUEST_GONE)
            return
        await edit(query, texts.LINK_DECLINED.format(name=request.name))
        await context.bot.send_message(specialist_id, texts.LINK_DECLINED_SPECIALIST)
        return
    defaults = Specialist(
        user_id=specialist_id, chat_id=specialist_id, timezone=svc.settings.default_timezone
    )
    link = await sharing.confirm_link(svc.store, profile, specialist_id, defaults, svc.clock())
    if link is None:
        await edit(query, texts.LINK_REQUEST_GONE)
        return
    await edit(query, texts.LINK_ALLOWED.format(name=link.name))
    await specialist_side.welcome_linked(context, specialist_id, profile)


async def name_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/name NAME: the name reports show (default: the Telegram name at /start)."""
    profile = await profile_or_prompt(update, context)
    if profile is None or update.effective_message is None:
        return
    parts = (update.effective_message.text or "").split(maxsplit=1)
    name = " ".join(parts[1].split()) if len(parts) > 1 else ""
    if not name or len(name) > NAME_MAX or not name.isprintable():
        await reply(update, texts.NAME_USAGE)
        return
    await services(context).store.update_profile(profile.user_id, display_name=name)
    await reply(update, texts.NAME_SET.format(name=name))
