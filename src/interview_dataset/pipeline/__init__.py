"""The build: sources → rows → validated data folder and card, cached and swapped in atomically."""
