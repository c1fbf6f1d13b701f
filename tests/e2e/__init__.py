"""End-to-end tests: the real Application against the fake Bot API over HTTP."""
