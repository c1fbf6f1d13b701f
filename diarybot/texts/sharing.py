"""Every word of sharing a diary, on both sides of the link: the patient's code and consent
(/share, /sharing, /name) and the specialist's /link."""

from __future__ import annotations

from diarybot.domain.links import ShareLevel
from diarybot.texts.i18n import _, pgettext


# -- the patient's side: a code to forward, and what they agree to -------------------------------
def share_message() -> str:
    return _(
        "Forward this message to your specialist.\n\n"
        "To see my pain diary in diarybot, open {link}\n"
        "or send /link {code} to @{bot}.\n\n"
        "(For you: the code works once, within 24 hours, and I will ask you to confirm, and to "
        "choose what they receive, before anything is shared. /sharing stops it at any time.)"
    )


def ask_report_name() -> str:
    return _(
        "Before your first code: which name should the reports your specialist receives carry? "
        "Send it, or keep “{name}”."
    )


def ask_report_reference() -> str:
    return _(
        "Optionally, a date of birth or a clinic reference for the reports (it helps the clinic "
        "find your records). Send it, or tap Skip."
    )


def report_details_set() -> str:
    return _("Your reports will carry: {name}.")


def report_details_set_with_reference() -> str:
    return _("Your reports will carry: {name}, {reference}.")


def reference_too_long() -> str:
    return _("Please keep it under {limit} characters.")


def button_keep_name() -> str:
    return _("Keep “{name}”")


def button_skip_reference() -> str:
    # Translators: a button: no date of birth or clinic reference on the reports.
    return pgettext("reference", "Skip")


def link_confirm() -> str:
    return _(
        "{who} used your sharing code and asks to receive your pain diary.\n\n"
        "Choose what they receive:\n"
        "• Summary: your figures and chart each week and when they ask, without your entries or "
        "notes.\n"
        "• Summary, entries and notes: the same, plus every score with its time, techniques and "
        "note.\n"
        "• Everything, with data files: all of that, and the CSV and FHIR files their clinic's "
        "systems can import, when they ask for them.\n\n"
        "Whatever is sent stays with them: stopping sharing later stops what is sent next, but "
        "cannot take back what they already received. You can change your choice in /sharing."
    )


def level_buttons() -> dict[ShareLevel, str]:
    return {
        ShareLevel.SUMMARY: _("Summary only"),
        ShareLevel.ENTRIES: _("Summary, entries and notes"),
        ShareLevel.FILES: _("Everything, with data files"),
    }


def level_names() -> dict[ShareLevel, str]:
    return {
        ShareLevel.SUMMARY: _("the summary only (figures and chart)"),
        ShareLevel.ENTRIES: _("the summary with every entry and note"),
        ShareLevel.FILES: _("the summary, every entry and note, and the data files (CSV, FHIR)"),
    }


def link_allowed() -> str:
    return _(
        "Done: {who} now receives {level}. /sharing shows whom you share with and changes it."
    )


def sharing_line() -> str:
    return _("• {who}: {level}")


def sharing_list() -> str:
    return _(
        "You share your diary with:\n{lines}\n\n"
        "Tap a name to change what they receive or to stop sharing with them. What was already "
        "sent stays with them."
    )


def button_change() -> str:
    # Translators: a button in /sharing, one per specialist.
    return _("{name}: change or stop")


def sharing_choose() -> str:
    return _("What should {who} receive from now on? Now: {level}.")


def button_stop() -> str:
    return _("Stop sharing with {name}")


def level_changed() -> str:
    return _("From now on {who} receives {level}.")


# -- the patient's answers: declined, stopped, /sharing, /name -----------------------------------
def link_declined() -> str:
    return _("Declined: nothing was shared with {name}.")


def link_request_gone() -> str:
    return _("This request is no longer open.")


def sharing_none() -> str:
    return _("You don't share your diary with anyone. /share creates a code for your specialist.")


def sharing_pending() -> str:
    # Translators: a line of /sharing: a specialist who asked, and the patient has not answered.
    return _("• {who} (waiting for your confirmation)")


def unshared() -> str:
    return _("Stopped: {name} no longer receives anything from your diary.")


def button_decline() -> str:
    # Translators: a button: the patient declines a specialist's request to see the diary.
    return pgettext("decline sharing", "No")


def button_stop_sharing() -> str:
    return _("Stop sharing with {name}")


def name_set() -> str:
    return _("Your reports will show your name as “{name}”.")


def name_usage() -> str:
    return _("Send the name your reports should show, like this: /name Alex Smith")


# -- the specialist's side: /link ----------------------------------------------------------------
def link_usage() -> str:
    return _("Send the patient's code like this: /link ABCDE-FGHJK")


def link_invalid() -> str:
    return _("That code is not valid. Check it with your patient, or ask them for a new one.")


def link_rate_limited() -> str:
    return _("Too many codes that did not work. Please try again in an hour.")


def link_own_code() -> str:
    return _("That is your own sharing code: give it to your specialist instead.")


def link_requested() -> str:
    return _("Thank you. I've asked your patient to confirm; I'll tell you when they have.")


def link_declined_specialist() -> str:
    return _("Your request to see a patient's diary was declined.")
