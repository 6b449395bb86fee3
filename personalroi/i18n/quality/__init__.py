"""The data-quality checks' details: duplicates, contamination, the window, join coverage,
negative values, dimension sources, row filters, heavy tails and the notes on aggregated
input (data/checks_read.py, heavy_tail.py, aggregated.py, duplicates.py); and the CLV
models' own checks: an arm's fits and the holdout (clv/forecast.py, run.py).
"""
