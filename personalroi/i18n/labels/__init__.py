"""The renderers' labels: one module per language with the same keys (report/)."""
