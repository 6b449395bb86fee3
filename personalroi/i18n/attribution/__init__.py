"""The audit's attribution section: its findings and why ROI does not add the credits.

One module per language with the same keys (attribution/section.py).
"""
