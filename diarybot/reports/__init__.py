"""Exports of a patient's diary: CSV, FHIR R4 JSON and the specialist PDF (plain data → bytes).

Pure functions: no Telegram, no TinyDB. The bot calls them off the event loop and sends the
bytes as documents.
"""

from diarybot.reports.csv_file import entries_csv, parse_entries_csv
from diarybot.reports.fhir import fhir_bundle, fhir_json
from diarybot.reports.pdf import pdf_report

__all__ = ["entries_csv", "fhir_bundle", "fhir_json", "parse_entries_csv", "pdf_report"]
