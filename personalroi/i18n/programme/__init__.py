"""The programme view (`history portfolio`): one module per language with the same keys
(history/portfolio.py builds the notes, report/portfolio.py renders them)."""
