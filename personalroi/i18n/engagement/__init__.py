"""Engagement findings: time on site, pages, the confusion check, bounces, CTR and clicks.

One module per language with the same keys (engagement/time_pages.py, confusion.py,
bounce_ctr.py). Numbers the finding formats to its own precision come as `loc`
parameters (an English-formatted number, put into the language's notation).
"""
