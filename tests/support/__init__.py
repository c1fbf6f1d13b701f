"""Test support: the fake Bot API, crash and disk-fault helpers."""
