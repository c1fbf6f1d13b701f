"""Buttons several conversations share: Done and Skip, a removal's yes and no, tick boxes."""

from __future__ import annotations

from diarybot.texts.i18n import _, pgettext


def button_done() -> str:
    # Translators: a button: finished ticking the techniques.
    return _("Done")


def button_skip() -> str:
    # Translators: a button: no note for this check-in.
    return pgettext("note", "Skip")


def button_skip_rating() -> str:
    # Translators: a button below a 0-10 rating: not rating this time.
    return pgettext("rating", "Skip")


def button_yes_remove() -> str:
    # Translators: a button confirming that one diary entry is removed.
    return _("Yes, remove it")


def button_no() -> str:
    # Translators: a button declining a removal or erasure.
    return _("No, keep it")


def checked() -> str:
    # Translators: a ticked toggle button; {label} is a technique or medication.
    return _("✅ {label}")


def unchecked() -> str:
    # Translators: an unticked toggle button; {label} is a technique or medication.
    return _("⬜ {label}")


def toggle_label(label: str, *, ticked: bool) -> str:
    """A toggle button's label with its tick (or empty box) in front."""
    return (checked() if ticked else unchecked()).format(label=label)
