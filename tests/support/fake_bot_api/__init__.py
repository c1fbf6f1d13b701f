"""A fake Telegram Bot API server for end-to-end tests.

The real ``Application`` talks to this server over real HTTP on 127.0.0.1, exactly as it talks
to ``api.telegram.org``: PTB's own request encoding, error mapping, retries and polling loop are
exercised, and only Telegram itself is simulated. The server runs in the test's event loop, so a
test can queue user input, wait for the bot's answer and inspect what the user would now see
without threads or sleeps.

What it models, because diarybot depends on it:

* the encoding PTB uses (form fields whose non-string values are JSON, multipart uploads);
* ``getUpdates`` offset confirmation and long polling, so updates are redelivered until the bot
  confirms them, like Telegram does;
* message state per chat (edits, deletions, inline keyboards) with Telegram's answers for
  "message is not modified", "message to edit not found", over-long texts, bad HTML/Markdown,
  invalid callback data and invalid bot commands;
* faults: scripted errors (429 with ``retry_after``, 403 blocked, 400, 5xx), slow answers,
  blocked users and Telegram-like rate limits.

* webhooks: after ``setWebhook``, queued updates are POSTed one at a time, in order, with the
  ``X-Telegram-Bot-Api-Secret-Token`` header, to the bot's server through a stand-in for the
  operator's reverse proxy (:meth:`FakeBotAPI.route_webhook_to`); an update stays pending, and is
  tried again, until the bot answers 2xx, as Telegram does.

What it does not model: groups beyond a minimal chat object, inline mode, payments, TLS and
parallel webhook connections, rendering of ``parse_mode`` (markup is validated, and the stored text
is what the bot sent), and resizing of photos (every size of a photo serves the uploaded bytes).
Error descriptions follow Telegram's wording where it is known; parse-error details are close
approximations of Telegram's.

The package, by concern: ``api`` (the FakeBotAPI facade, wiring the rest), ``server`` (HTTP
and routing), ``wire`` (request decoding, error answers), ``records`` (the recorded call,
message, file and user types), ``calls`` (the call log), ``chats``, ``files``, ``photos``, the
methods by Bot API area (``sending``, ``editing``, ``bot_settings``, ``updates``, ``webhook``),
``validation`` (what Telegram rejects), ``faults``, ``users`` (simulated users), and the
test-facing helpers (``actions``, ``inspection``, ``waiting``, with ``changes`` waking waiters).
"""

from tests.support.fake_bot_api.api import DEFAULT_TOKEN, FakeBotAPI
from tests.support.fake_bot_api.records import Call, FakeUser

__all__ = ["DEFAULT_TOKEN", "Call", "FakeBotAPI", "FakeUser"]
