"""Fast tests of the pure parts and of single components."""
