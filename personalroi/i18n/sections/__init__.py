"""The evidence sections, the HTML page, the charts and the clv/attribute views: one module
per language with the same keys (report/)."""
