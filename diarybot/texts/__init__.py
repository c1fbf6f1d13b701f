"""Every word a user reads, in this package, so wording and translations change here.

Plain text throughout (no parse mode), so nothing a patient typed can break the formatting of a
reply that echoes it. Each text lives in a module named for its concern (`onboarding`,
`checkin`, `settings`, `entries`, `buttons`, `sharing`, `peg`, `flares` …); the names callers
use as ``texts.name(...)`` are re-exported here. The package itself holds only the few replies
any handler may send: an expired button, a vanished entry, an error, /cancel.
"""

from __future__ import annotations

from diarybot.texts.buttons import button_done as button_done
from diarybot.texts.buttons import button_no as button_no
from diarybot.texts.buttons import button_skip as button_skip
from diarybot.texts.buttons import button_skip_rating as button_skip_rating
from diarybot.texts.buttons import button_yes_remove as button_yes_remove
from diarybot.texts.buttons import toggle_label as toggle_label
from diarybot.texts.chart_commands import chart_caption as chart_caption
from diarybot.texts.chart_commands import chart_empty as chart_empty
from diarybot.texts.chart_commands import chart_usage as chart_usage
from diarybot.texts.chart_commands import no_figure as no_figure
from diarybot.texts.chart_commands import weekly_empty as weekly_empty
from diarybot.texts.chart_commands import weekly_off as weekly_off
from diarybot.texts.chart_commands import weekly_on as weekly_on
from diarybot.texts.chart_commands import weekly_usage_off as weekly_usage_off
from diarybot.texts.chart_commands import weekly_usage_on as weekly_usage_on
from diarybot.texts.checkin import ask_score as ask_score
from diarybot.texts.checkin import ask_techniques as ask_techniques
from diarybot.texts.checkin import checkin_summary_ask_note as checkin_summary_ask_note
from diarybot.texts.checkin import checkin_summary_done as checkin_summary_done
from diarybot.texts.checkin import note_saved as note_saved
from diarybot.texts.checkin import reminder as reminder
from diarybot.texts.checkin import safety_high_score as safety_high_score
from diarybot.texts.checkin import score_invalid as score_invalid
from diarybot.texts.checkin import score_saved as score_saved
from diarybot.texts.checkin import too_long as too_long
from diarybot.texts.digest import digest_off as digest_off
from diarybot.texts.digest import digest_set as digest_set
from diarybot.texts.digest import digest_usage_off as digest_usage_off
from diarybot.texts.digest import digest_usage_on as digest_usage_on
from diarybot.texts.entries import entry_line as entry_line
from diarybot.texts.entries import history_empty as history_empty
from diarybot.texts.entries import score_out_of_ten as score_out_of_ten
from diarybot.texts.entries import undo_confirm as undo_confirm
from diarybot.texts.entries import undo_done as undo_done
from diarybot.texts.entries import undo_kept as undo_kept
from diarybot.texts.entries import undo_nothing as undo_nothing
from diarybot.texts.erasure import button_yes_erase as button_yes_erase
from diarybot.texts.erasure import delete_done as delete_done
from diarybot.texts.erasure import delete_kept as delete_kept
from diarybot.texts.export_command import export_empty as export_empty
from diarybot.texts.export_command import export_intro as export_intro
from diarybot.texts.export_command import export_usage as export_usage
from diarybot.texts.export_command import preparing as preparing
from diarybot.texts.flares import alerts_off as alerts_off
from diarybot.texts.flares import alerts_on as alerts_on
from diarybot.texts.flares import alerts_usage_off as alerts_usage_off
from diarybot.texts.flares import alerts_usage_on as alerts_usage_on
from diarybot.texts.flares import flare_alert as flare_alert
from diarybot.texts.flares import flare_alert_unnamed as flare_alert_unnamed
from diarybot.texts.flares import flare_notice as flare_notice
from diarybot.texts.flares import flare_notice_helped as flare_notice_helped
from diarybot.texts.flares import flare_reason_high as flare_reason_high
from diarybot.texts.flares import flare_reason_jump as flare_reason_jump
from diarybot.texts.formats import format_time as format_time
from diarybot.texts.formats import short_date as short_date
from diarybot.texts.formats import shorten as shorten
from diarybot.texts.formats import weekdays as weekdays
from diarybot.texts.help import commands as commands
from diarybot.texts.i18n import _
from diarybot.texts.onboarding import ask_reminder_time as ask_reminder_time
from diarybot.texts.onboarding import ask_timezone as ask_timezone
from diarybot.texts.onboarding import need_start as need_start
from diarybot.texts.onboarding import onboarded as onboarded
from diarybot.texts.onboarding import reminder_set as reminder_set
from diarybot.texts.onboarding import time_unknown as time_unknown
from diarybot.texts.onboarding import timezone_set as timezone_set
from diarybot.texts.onboarding import timezone_unknown_howto as timezone_unknown_howto
from diarybot.texts.onboarding import timezone_unknown_suggest as timezone_unknown_suggest
from diarybot.texts.onboarding import welcome as welcome
from diarybot.texts.peg import peg_done as peg_done
from diarybot.texts.peg import peg_first_question as peg_first_question
from diarybot.texts.peg import peg_off as peg_off
from diarybot.texts.peg import peg_question as peg_question
from diarybot.texts.peg import peg_questions as peg_questions
from diarybot.texts.peg import peg_set as peg_set
from diarybot.texts.peg import peg_usage_off as peg_usage_off
from diarybot.texts.peg import peg_usage_on as peg_usage_on
from diarybot.texts.settings import paused as paused
from diarybot.texts.settings import remind_usage as remind_usage
from diarybot.texts.settings import resumed as resumed
from diarybot.texts.settings import settings_text as settings_text
from diarybot.texts.settings import timezone_usage as timezone_usage
from diarybot.texts.sharing import button_decline as button_decline
from diarybot.texts.sharing import button_stop_sharing as button_stop_sharing
from diarybot.texts.sharing import link_declined as link_declined
from diarybot.texts.sharing import link_declined_specialist as link_declined_specialist
from diarybot.texts.sharing import link_invalid as link_invalid
from diarybot.texts.sharing import link_own_code as link_own_code
from diarybot.texts.sharing import link_rate_limited as link_rate_limited
from diarybot.texts.sharing import link_request_gone as link_request_gone
from diarybot.texts.sharing import link_requested as link_requested
from diarybot.texts.sharing import link_usage as link_usage
from diarybot.texts.sharing import name_set as name_set
from diarybot.texts.sharing import name_usage as name_usage
from diarybot.texts.sharing import sharing_none as sharing_none
from diarybot.texts.sharing import sharing_pending as sharing_pending
from diarybot.texts.sharing import unshared as unshared
from diarybot.texts.techniques import medication_name as medication_name
from diarybot.texts.techniques import no_techniques as no_techniques
from diarybot.texts.techniques import technique_list as technique_list
from diarybot.texts.techniques import technique_names as technique_names


def button_expired() -> str:
    return _("This button has expired. Send /checkin to start a new check-in.")


def entry_gone() -> str:
    return _("That entry no longer exists.")


def not_saved() -> str:
    return _("Sorry, that was not saved because of a problem on my side. Please try again.")


def file_recovered() -> str:
    return _(
        "I'm sorry: your diary file on this server could not be read, so I set it aside unchanged "
        "and started a fresh one. The operator of this bot can recover the old file. "
        "Everything you log from now on is saved as usual; if I ask you to, send /start to set "
        "your time zone and reminder again."
    )


def error_generic() -> str:
    return _("Sorry, something went wrong on my side. Please try again in a moment.")


def cancelled() -> str:
    return _("OK, cancelled.")


def nothing_to_cancel() -> str:
    return _("There was nothing to cancel.")


def unknown_command() -> str:
    return _("I don't know that command. /help lists what I can do.")


def private_only() -> str:
    return _("For your privacy I only work in a private chat with you.")
