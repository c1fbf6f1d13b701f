"""Webhook mode end to end: the fake Telegram POSTs updates to PTB's own webhook server.

The bot runs with the production webhook arguments (`diarybot.runtime.serving`); the fake
registers what `setWebhook` asked for and delivers like Telegram, through a stand-in for the
operator's reverse proxy.
"""

from __future__ import annotations

import pytest

from diarybot import texts
from diarybot.domain.entries import Technique
from tests.conftest import Harness
from tests.support.fake_bot_api import FakeBotAPI


def _start_update(api: FakeBotAPI, user_id: int, update_id: int) -> dict:
    """A /start message as Telegram would POST it (not queued in the fake)."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Eve"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Eve"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_webhook_is_registered_with_secret_allowed_updates_and_pending_kept(
    webhook_harness: Harness,
) -> None:
    api = webhook_harness.api
    [call] = api.calls_for("setWebhook")
    assert call.params["url"] == "https://diary.example.org/telegram/hook"
    assert call.params["secret_token"] == webhook_harness.webhook.secret
    assert call.params["allowed_updates"] == ["message", "callback_query"]
    assert call.params["drop_pending_updates"] is False
    assert api.calls_for("deleteWebhook") == []
    assert api.poll_count == 0  # no getUpdates at all in webhook mode


async def test_patient_day_over_webhook(webhook_harness: Harness) -> None:
    h = webhook_harness
    pat = h.user()
    replies = await h.say(pat, "/start")
    assert replies and replies[0].startswith("Hello, I'm diarybot")
    await h.say(pat, "Europe/Berlin")
    await h.say(pat, "20:30")
    profile = h.files.get_profile(pat.id)
    assert profile is not None and profile.timezone == "Europe/Berlin"
    assert profile.reminder_time.strftime("%H:%M") == "20:30"

    assert await h.say(pat, "/checkin") == [texts.ask_score()]
    replies = await h.press(pat, "6")
    assert replies[0].startswith("Saved: 6/10 at ")
    await h.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=False)
    )
    replies = await h.press(pat, texts.button_done())
    assert replies[0] == texts.checkin_summary_ask_note().format(
        score=6, techniques=texts.technique_names()[Technique.BREATHING]
    )
    [entry] = h.files.entries(pat.id)
    assert entry.score == 6 and entry.techniques == (Technique.BREATHING,)
    assert h.api.unanswered_callback_queries() == []
    # Every update went by POST, each accepted at the first attempt.
    assert h.api.webhook_deliveries
    assert {status for _, status in h.api.webhook_deliveries} == {200}


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
async def test_request_without_the_right_secret_changes_nothing(
    webhook_harness: Harness, secret: str | None
) -> None:
    h = webhook_harness
    intruder = 555_000_111
    status = await h.api.post_update(_start_update(h.api, intruder, 9_000), secret)
    assert status == 403
    # A real patient afterwards goes through: the server is up and serving.
    other = h.user(1002, "Sam")
    assert (await h.say(other, "/start"))[0].startswith("Hello, I'm diarybot")
    assert h.api.sent_texts(intruder) == []
    assert h.files.get_profile(intruder) is None
    assert not (h.data_dir / "patients" / str(intruder)).exists()


async def test_redelivered_update_is_handled_once(webhook_harness: Harness) -> None:
    h = webhook_harness
    pat = h.user()
    await h.onboard(pat)
    mark = h.api.mark()
    update_id = h.api.send_text(pat, "/log 5 stiff knee")
    await h.settle()
    # Telegram did not see our answer (a proxy timeout, say) and sends the same update again.
    assert await h.api.redeliver(update_id) == 200
    # Updates of one patient are handled in order: once this one is answered, so was that.
    await h.say(pat, "/help")
    saved = [t for t in h.replies_since(mark, pat.id) if t.startswith("Saved")]
    assert len(saved) == 1
    assert [e.note for e in h.files.entries(pat.id)] == ["stiff knee"]


async def test_wrong_content_type_is_refused(webhook_harness: Harness) -> None:
    h = webhook_harness
    update = _start_update(h.api, 555_000_222, 9_001)
    status = await h.api.post_update(update, h.webhook.secret, content_type="text/plain")
    assert status == 403
    assert h.files.get_profile(555_000_222) is None
