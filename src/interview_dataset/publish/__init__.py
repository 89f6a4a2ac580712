"""Rows → the published files: Parquet per config, the card, Croissant and CITATION.cff."""
