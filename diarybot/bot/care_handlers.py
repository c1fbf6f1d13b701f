"""The commands and buttons between patient and specialist, for group 0 of `app`: the patient's
side of sharing, the specialist's side, and treatments (recorded by either)."""

from __future__ import annotations

from diarybot.bot import (
    button_data,
    digest_settings,
    flare_messages,
    patient_sharing,
    plan_notes,
    specialist_linking,
    specialist_patients,
    treatment_history,
    treatments,
)
from diarybot.bot.context import DiaryApp
from diarybot.bot.feature_handlers import add_table


def _add_patient_sharing(app: DiaryApp) -> None:
    """The patient's side of sharing: codes, answers to link requests, levels, their name."""
    add_table(
        app,
        commands={
            "share": patient_sharing.share_command,
            "sharing": patient_sharing.sharing_command,
            "unshare": patient_sharing.sharing_command,
            "name": patient_sharing.name_command,
        },
        buttons={
            button_data.LINK_ALLOW: patient_sharing.link_answer_button,
            button_data.LINK_DECLINE: patient_sharing.link_answer_button,
            button_data.UNSHARE: patient_sharing.unshare_button,
            button_data.SHARING_PICK: patient_sharing.sharing_pick_button,
            button_data.SET_LEVEL: patient_sharing.set_level_button,
        },
        plain={
            button_data.KEEP_NAME: patient_sharing.keep_name_button,
            button_data.SKIP_REFERENCE: patient_sharing.skip_reference_button,
        },
    )


def _add_specialist(app: DiaryApp) -> None:
    """The specialist's side: linking, patients and summaries, digests, alerts, plan notes."""
    add_table(
        app,
        commands={
            "link": specialist_linking.link_command,
            "patients": specialist_patients.patients_command,
            "summary": specialist_patients.summary_command,
            "digest": digest_settings.digest_command,
            "alerts": flare_messages.alerts_command,
            "plan": plan_notes.plan_command,
        },
        buttons={
            button_data.SUMMARY: specialist_patients.summary_button,
            button_data.DATA_FILES: specialist_patients.data_files_button,
            button_data.PATIENTS_PAGE: specialist_patients.patients_page_button,
            button_data.SPECIALIST_TZ: digest_settings.specialist_timezone_button,
            button_data.PLAN_FOR: plan_notes.plan_for_button,
            button_data.PLAN_IN_REMINDERS: plan_notes.plan_in_reminders_button,
        },
    )


def _add_treatments(app: DiaryApp) -> None:
    """/treatment, and removing a treatment from /history."""
    add_table(
        app,
        commands={"treatment": treatments.treatment_command},
        buttons={
            button_data.TREATMENT_WHOSE: treatments.whose_button,
            button_data.TREATMENT_KIND: treatments.kind_button,
            button_data.TREATMENT_DAY: treatments.day_button,
            button_data.TREATMENT_SKIP: treatments.skip_button,
            button_data.TREATMENT_REMOVE: treatment_history.remove_button,
            button_data.TREATMENT_REMOVE_YES: treatment_history.remove_answer_button,
            button_data.TREATMENT_KEEP: treatment_history.remove_answer_button,
        },
    )


def add_care_features(app: DiaryApp) -> None:
    """Sharing, the specialist's commands and treatments (no two compete for an update)."""
    _add_patient_sharing(app)
    _add_specialist(app)
    _add_treatments(app)
