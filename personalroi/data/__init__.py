"""Data layer: CSV/Parquet through DuckDB into per-unit values and per-arm sufficient statistics."""
