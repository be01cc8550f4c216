"""Monitoring (seed 3.1-3.3): coverage, stale pages, reminders and governance checks."""
