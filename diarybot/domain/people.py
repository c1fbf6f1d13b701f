"""The people: a patient's settings and a specialist's own settings (pure, typed; storage
turns these into plain dicts and back). What a patient shares with one specialist is a
`links.Link`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Self

from diarybot.domain.daily_items import DailyItem, ordered_items
from diarybot.domain.medications import Medication

DEFAULT_REMINDER_TIME = time(20, 0)


@dataclass(frozen=True)
class Profile:
    """A patient's settings and the bookkeeping the reminder needs to stay exactly-once."""

    user_id: int
    chat_id: int
    timezone: str = "UTC"
    reminder_time: time = DEFAULT_REMINDER_TIME
    onboarded: bool = False
    paused: bool = False
    blocked: bool = False
    last_reminded: date | None = None
    # When that reminder went out: a change of time zone re-expresses `last_reminded` as the
    # local day of this instant in the new zone (domain/schedule.rebase_reminded_day).
    last_reminded_at: datetime | None = None
    weekly_chart: bool = False
    last_weekly_chart: date | None = None
    display_name: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    peg_on: bool = True
    peg_weekday: int = 6  # 0 = Monday; Sunday by default, with the weekly chart
    last_peg_asked: date | None = None
    last_flare_notice: date | None = None
    #: Date of birth or a clinic reference the patient wants on their reports (optional).
    report_reference: str = ""
    #: Asked at their first /share for the name and reference on reports (asked once).
    report_details_asked: bool = False
    #: The patient's own list (/meds), stopped ones included: reports name what was taken.
    medications: tuple[Medication, ...] = ()
    #: The catalog the patient reads ("en", "es", "pt_BR": `texts.i18n.LANGUAGES`): Telegram's
    #: language at /start, or their /language choice. "" = not known yet (a file from before
    #: languages): the language Telegram sends with their next message is used and kept.
    language: str = "en"
    #: Whether the daily reminder carries a line of the specialist's plan (off in /plan).
    plan_in_reminders: bool = True
    #: The optional daily items switched on in /settings, in the order asked; none by default.
    daily_items: tuple[DailyItem, ...] = ()

    def replace(self, **changes: Any) -> Profile:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def reminders_active(self) -> bool:
        """Whether daily reminders should be scheduled at all."""
        return self.onboarded and not self.paused and not self.blocked

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form stored in the patient's file."""
        return {
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "timezone": self.timezone,
            "reminder_time": self.reminder_time.strftime("%H:%M"),
            "onboarded": self.onboarded,
            "paused": self.paused,
            "blocked": self.blocked,
            "last_reminded": _iso_or_none(self.last_reminded),
            "last_reminded_at": _iso_or_none(self.last_reminded_at),
            "weekly_chart": self.weekly_chart,
            "last_weekly_chart": _iso_or_none(self.last_weekly_chart),
            "display_name": self.display_name,
            "created_at": self.created_at.isoformat(),
            "peg_on": self.peg_on,
            "peg_weekday": self.peg_weekday,
            "last_peg_asked": _iso_or_none(self.last_peg_asked),
            "last_flare_notice": _iso_or_none(self.last_flare_notice),
            "report_reference": self.report_reference,
            "report_details_asked": self.report_details_asked,
            "medications": [m.to_doc() for m in self.medications],
            "language": self.language,
            "plan_in_reminders": self.plan_in_reminders,
            "daily_items": [item.value for item in self.daily_items],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild a profile from its stored form; unknown keys are ignored (forward compat)."""
        return cls(
            user_id=int(doc["user_id"]),
            chat_id=int(doc["chat_id"]),
            timezone=str(doc.get("timezone", "UTC")),
            reminder_time=time.fromisoformat(doc.get("reminder_time", "20:00")),
            onboarded=bool(doc.get("onboarded", False)),
            paused=bool(doc.get("paused", False)),
            blocked=bool(doc.get("blocked", False)),
            last_reminded=_date_or_none(doc.get("last_reminded")),
            last_reminded_at=datetime.fromisoformat(doc["last_reminded_at"])
            if doc.get("last_reminded_at")
            else None,
            weekly_chart=bool(doc.get("weekly_chart", False)),
            last_weekly_chart=_date_or_none(doc.get("last_weekly_chart")),
            display_name=str(doc.get("display_name", "")),
            created_at=datetime.fromisoformat(doc["created_at"])
            if doc.get("created_at")
            else datetime.now(UTC),
            peg_on=bool(doc.get("peg_on", True)),
            peg_weekday=int(doc.get("peg_weekday", 6)) % 7,
            last_peg_asked=_date_or_none(doc.get("last_peg_asked")),
            last_flare_notice=_date_or_none(doc.get("last_flare_notice")),
            report_reference=str(doc.get("report_reference", "")),
            report_details_asked=bool(doc.get("report_details_asked", False)),
            medications=tuple(Medication.from_doc(m) for m in doc.get("medications", ())),
            language=str(doc.get("language", "")),
            plan_in_reminders=bool(doc.get("plan_in_reminders", True)),
            daily_items=_daily_items(doc.get("daily_items")),
        )


def _daily_items(value: Any) -> tuple[DailyItem, ...]:
    """Stored item codes; an unknown code (from a newer diarybot) is left out, not fatal."""
    known = {item.value for item in DailyItem}
    return ordered_items(DailyItem(str(code)) for code in value or () if str(code) in known)


def _iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Specialist:
    """A specialist's own settings: when their weekly summaries arrive, and whom they follow.

    `patients` is an index for listing and scheduling only; every access to a patient's data is
    checked against the patient's own file, where the patient's consent lives.
    """

    user_id: int
    chat_id: int
    name: str = ""
    timezone: str = "UTC"
    digest_weekday: int = 0  # ISO weekday - 1: 0 = Monday
    digest_time: time = time(8, 0)
    digest_on: bool = True
    last_digest: date | None = None
    patients: tuple[int, ...] = ()
    flare_alerts: bool = False
    #: Told about /digest, /alerts and asked for a time zone (once, at the first link).
    welcomed: bool = False
    #: The day whose digest is partly delivered, and the parts delivered that day: a retry
    #: sends only what is missing (a part is recorded only after Telegram accepted it).
    digest_day: date | None = None
    digest_parts: tuple[str, ...] = ()
    #: The catalog their messages, summaries and digests are written in (as `Profile.language`;
    #: "" = not known yet, taken from Telegram at their next message).
    language: str = "en"

    def replace(self, **changes: Any) -> Specialist:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "name": self.name,
            "timezone": self.timezone,
            "digest_weekday": self.digest_weekday,
            "digest_time": self.digest_time.strftime("%H:%M"),
            "digest_on": self.digest_on,
            "last_digest": _iso_or_none(self.last_digest),
            "patients": list(self.patients),
            "flare_alerts": self.flare_alerts,
            "welcomed": self.welcomed,
            "digest_day": _iso_or_none(self.digest_day),
            "digest_parts": list(self.digest_parts),
            "language": self.language,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form."""
        return cls(
            user_id=int(doc["user_id"]),
            chat_id=int(doc["chat_id"]),
            name=str(doc.get("name", "")),
            timezone=str(doc.get("timezone", "UTC")),
            digest_weekday=int(doc.get("digest_weekday", 0)) % 7,
            digest_time=time.fromisoformat(doc.get("digest_time", "08:00")),
            digest_on=bool(doc.get("digest_on", True)),
            last_digest=_date_or_none(doc.get("last_digest")),
            patients=tuple(int(p) for p in doc.get("patients", ())),
            flare_alerts=bool(doc.get("flare_alerts", False)),
            # Specialists stored before this field were told about /digest at their first link.
            welcomed=bool(doc.get("welcomed", True)),
            digest_day=_date_or_none(doc.get("digest_day")),
            digest_parts=tuple(str(p) for p in doc.get("digest_parts", ())),
            language=str(doc.get("language", "")),
        )
