"""Checklists as data: frameworks per fiscal year, their items, and the rules of currency."""
