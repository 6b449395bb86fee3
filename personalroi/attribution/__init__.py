"""Multi-touch attribution: which channels and personalized touchpoints earned the revenue."""
