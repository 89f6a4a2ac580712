"""Parquet files → every problem found, as rows (file, row, field, code, message)."""
