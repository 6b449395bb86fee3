"""Audit history: every audit recorded in a local SQLite file, for trends and governance."""
