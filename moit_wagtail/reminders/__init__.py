"""Review reminders and the "reviewed, still current" action (seed 3.2)."""
