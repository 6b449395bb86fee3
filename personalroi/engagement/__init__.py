"""Engagement insights: time on site, pages, bounce value and CTR of personalized elements."""
