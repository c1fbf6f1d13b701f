"""The treatments in /history: the patient's newest treatment events under their entries, each
removable from their own diary after asking."""

from __future__ import annotations

from telegram import Update

from diarybot.bot import button_data
from diarybot.bot import treatment_keyboards as tk
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, pressed, reply
from diarybot.texts import treatments as tt

#: Treatments listed (newest first) in /history, one removal button each: years of them stay
#: in the reports and exports, while the list stays one message long.
HISTORY_TREATMENTS = 20


async def show_in_history(update: Update, context: BotContext, user_id: int) -> bool:
    """The patient's treatments under /history's entries, each removable; whether any."""
    events = await context.services.store.treatments.all(user_id)
    if not events:
        return False
    names = tt.kind_names()
    lines = [tt.history_heading()]
    newest = events[::-1][:HISTORY_TREATMENTS]
    for event in newest:
        line = tt.history_line_words() if event.words else tt.history_line()
        day = tt.day_text(event.local_date)
        lines.append(line.format(day=day, kind=names[event.kind], words=event.words))
        if event.by_specialist:
            lines.append(tt.history_by_specialist().format(who=event.recorded_by))
    lines.append(tt.history_hint())
    markup = tk.remove_keyboard(newest)
    await reply(update, "\n".join(lines), reply_markup=markup)
    return True


async def remove_button(update: Update, context: BotContext) -> None:
    """A treatment tapped in /history: ask before removing it."""
    press = await pressed(update)
    if press is None:
        return
    event = await context.services.store.treatments.get(press.user_id, press.callback.args[0])
    if event is None:
        await reply(update, tt.gone())
        return
    text = tt.confirm_remove().format(
        day=tt.day_text(event.local_date), kind=tt.kind_names()[event.kind]
    )
    await reply(update, text, reply_markup=tk.confirm_remove_keyboard(event.id))


async def remove_answer_button(update: Update, context: BotContext) -> None:
    """Yes: removed from the presser's own diary; No: kept."""
    press = await pressed(update)
    if press is None:
        return
    if press.callback.kind == button_data.TREATMENT_KEEP:
        await edit(press.query, tt.kept())
        return
    store = context.services.store
    event = await store.treatments.get(press.user_id, press.callback.args[0])
    if event is None or not await store.treatments.remove(press.user_id, event.id):
        await edit(press.query, tt.gone())
        return
    text = tt.removed().format(day=tt.day_text(event.local_date), kind=tt.kind_names()[event.kind])
    await edit(press.query, text)
