"""The patient's side of sharing: /share codes, confirming a request, /sharing, /unshare, /name."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes, sharing_keyboards, specialist_linking
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.links import ShareLevel
from diarybot.domain.people import Profile, Specialist
from diarybot.domain.share_codes import format_code
from diarybot.reports.content import display_name
from diarybot.texts import i18n
from diarybot.texts import specialist as st

NAME_MAX = 60
REFERENCE_MAX = 40


async def share_command(update: Update, context: BotContext) -> None:
    """/share: the first time, the name and reference for reports; then a message to forward."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    if not profile.report_details_asked:
        context.state.expect(Awaiting.REPORT_NAME)
        name = display_name(profile)
        await reply(
            update,
            st.ask_report_name().format(name=name),
            reply_markup=keyboard_shapes.single_button(
                st.button_keep_name().format(name=name[:40]), button_data.KEEP_NAME
            ),
        )
        return
    await _send_code(update, context, profile)


async def _send_code(update: Update, context: BotContext, profile: Profile) -> None:
    svc = context.services
    code = format_code(await svc.store.sharing.create_code(profile.user_id, svc.clock()))
    bot = context.bot.username
    await reply(
        update,
        st.share_message().format(link=f"https://t.me/{bot}?start={code}", code=code, bot=bot),
    )


async def report_name_text(update: Update, context: BotContext, typed: str) -> None:
    """The answer to "which name should reports carry?", typed."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    name = " ".join(typed.split())
    if not name or len(name) > NAME_MAX or not name.isprintable():
        await reply(update, texts.name_usage())
        return
    await context.services.store.profiles.update(profile.user_id, display_name=name)
    await _ask_reference(update, context)


async def keep_name_button(update: Update, context: BotContext) -> None:
    """The patient keeps the name they have."""
    if await pressed(update) is None:
        return
    await _ask_reference(update, context)


async def _ask_reference(update: Update, context: BotContext) -> None:
    context.state.expect(Awaiting.REPORT_REFERENCE)
    await reply(
        update,
        st.ask_report_reference(),
        reply_markup=keyboard_shapes.single_button(
            st.button_skip_reference(), button_data.SKIP_REFERENCE
        ),
    )


async def report_reference_text(update: Update, context: BotContext, typed: str) -> None:
    """The date of birth or reference, typed."""
    reference = " ".join(typed.split())
    if len(reference) > REFERENCE_MAX or not reference.isprintable():
        await reply(update, st.reference_too_long().format(limit=REFERENCE_MAX))
        return
    await _details_done(update, context, reference)


async def skip_reference_button(update: Update, context: BotContext) -> None:
    """No reference on the reports."""
    if await pressed(update) is None:
        return
    await _details_done(update, context, "")


async def _details_done(update: Update, context: BotContext, reference: str) -> None:
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    context.state.clear()
    profile = (
        await context.services.store.profiles.update(
            profile.user_id, report_reference=reference, report_details_asked=True
        )
        or profile
    )
    template = st.report_details_set_with_reference() if reference else st.report_details_set()
    await reply(update, template.format(name=display_name(profile), reference=reference))
    await _send_code(update, context, profile)


async def sharing_command(update: Update, context: BotContext) -> None:
    """/sharing and /unshare: whom the patient shares with and what, each with a button."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    sharing = context.services.store.sharing
    links = await sharing.links(profile.user_id)
    pending = await sharing.pending(profile.user_id)
    if not links and not pending:
        await reply(update, texts.sharing_none())
        return
    lines = [
        st.sharing_line().format(who=link.who, level=st.level_names()[link.level])
        for link in links
    ]
    lines += [texts.sharing_pending().format(who=link.who) for link in pending]
    markup = keyboard_shapes.buttons_keyboard(
        [
            (
                st.button_change().format(name=lk.name),
                f"{button_data.SHARING_PICK}:{lk.specialist_id}",
            )
            for lk in links
        ]
        + [
            (
                texts.button_stop_sharing().format(name=lk.name),
                f"{button_data.UNSHARE}:{lk.specialist_id}",
            )
            for lk in pending
        ]
    )
    await reply(update, st.sharing_list().format(lines="\n".join(lines)), reply_markup=markup)


async def sharing_pick_button(update: Update, context: BotContext) -> None:
    """One specialist picked in /sharing: what they receive, to change it or stop."""
    press = await pressed(update)
    if press is None:
        return
    link = await context.services.store.sharing.link(press.user_id, int(press.callback.args[0]))
    if link is None:
        await edit(press.query, texts.link_request_gone())
        return
    await edit(
        press.query,
        st.sharing_choose().format(who=link.who, level=st.level_names()[link.level]),
        sharing_keyboards.level_keyboard(link.specialist_id, link.name[:40]),
    )


async def set_level_button(update: Update, context: BotContext) -> None:
    """A new sharing level for one specialist, effective for everything sent from now on."""
    press = await pressed(update)
    if press is None:
        return
    specialist_id, level = int(press.callback.args[0]), ShareLevel(press.callback.args[1])
    link = await context.services.store.sharing.set_level(press.user_id, specialist_id, level)
    if link is None:
        await edit(press.query, texts.link_request_gone())
        return
    await edit(press.query, st.level_changed().format(who=link.who, level=st.level_names()[level]))


async def unshare_button(update: Update, context: BotContext) -> None:
    """Stop sharing with one specialist (or withdraw a request not yet confirmed)."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    specialist_id = int(callback.args[0])
    sharing = context.services.store.sharing
    link = await sharing.link(user_id, specialist_id)
    removed = await sharing.unlink(user_id, specialist_id)
    await sharing.decline(user_id, specialist_id)
    if link is None:
        await edit(query, texts.link_request_gone())
        return
    await edit(query, texts.unshared().format(name=link.name))
    profile = await context.services.store.profiles.get(user_id)
    if removed and profile is not None:  # a second tap removes nothing and tells nobody
        await specialist_linking.tell_stopped(context, specialist_id, profile)


async def link_answer_button(update: Update, context: BotContext) -> None:
    """The patient allows (choosing what is shared) or declines a specialist's request."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    query, callback = press.query, press.callback
    svc = context.services
    specialist_id = int(callback.args[0])
    if callback.kind == button_data.LINK_DECLINE:
        pending = await svc.store.sharing.pending(profile.user_id)
        request = next((p for p in pending if p.specialist_id == specialist_id), None)
        if request is None or not await svc.store.sharing.decline(profile.user_id, specialist_id):
            await edit(query, texts.link_request_gone())
            return
        await edit(query, texts.link_declined().format(name=request.name))
        with i18n.speaking(request.language):  # the language their request came in
            declined = texts.link_declined_specialist()
        await context.bot.send_message(specialist_id, declined)
        return
    level = ShareLevel(callback.args[1])
    defaults = Specialist(
        user_id=specialist_id, chat_id=specialist_id, timezone=svc.settings.default_timezone
    )
    link = await svc.store.sharing.confirm(
        profile.user_id, specialist_id, defaults, svc.clock(), level
    )
    if link is None:
        await edit(query, texts.link_request_gone())
        return
    await edit(query, st.link_allowed().format(who=link.who, level=st.level_names()[level]))
    await specialist_linking.welcome_linked(context, specialist_id, profile, link)


async def name_command(update: Update, context: BotContext) -> None:
    """/name NAME: the name reports show (default: the Telegram name at /start)."""
    profile = await profile_or_prompt(update, context)
    if profile is None or update.effective_message is None:
        return
    parts = (update.effective_message.text or "").split(maxsplit=1)
    name = " ".join(parts[1].split()) if len(parts) > 1 else ""
    if not name or len(name) > NAME_MAX or not name.isprintable():
        await reply(update, texts.name_usage())
        return
    await context.services.store.profiles.update(profile.user_id, display_name=name)
    await reply(update, texts.name_set().format(name=name))
