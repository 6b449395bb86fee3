"""The measurement checklist's findings and advice (scorecard/checklist.py, cadence.py).

Kept apart from the report catalogues, one module per language with the same keys:
`check.<item>` is a finding, `check.<item>.advice` what to do about it.
"""
