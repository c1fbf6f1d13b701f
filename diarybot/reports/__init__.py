"""Reports of a patient's diary: the specialist PDF (`pdf`), CSV (`csv_file`), FHIR R4 JSON
(`fhir`) and what a report says beyond its figures (`content`). Plain data in, bytes out: no
Telegram, no TinyDB.

Nothing is imported here on purpose: the bot process imports `content` alone, and only the
render workers load fpdf (and matplotlib's fonts) through `pdf`.
"""
