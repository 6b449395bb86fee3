"""Findings over time: novelty, calendar periods and governance changes, with their advice.

One module per language with the same keys (audit/trend.py, calendar.py, governance.py).
"""
