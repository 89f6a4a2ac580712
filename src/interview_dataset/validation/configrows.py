"""The rows of one config under check, and where each comes from: validate reads them, the checks report by them."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa


@dataclass
class ConfigRows:
    """Rows of one config under check: segments (file, first row in that file, table), in order."""

    segments: list[tuple[str, int, pa.Table]]

    def table(self) -> pa.Table:
        """All the rows, as one table."""
        return pa.concat_tables([t for _, _, t in self.segments])

    def locate(self, row: int) -> tuple[str, int]:
        """The file a row of table() comes from, and its row in that file."""
        for file, first, table in self.segments:
            if row < table.num_rows:
                return file, first + row
            row -= table.num_rows
        raise IndexError(row)

    def value(self, row: int, field: str):
        """The value of `field` in a row of table(), as Python; None where the rows have no such column."""
        for _, _, table in self.segments:
            if row < table.num_rows:
                return table.column(field)[row].as_py() if field in table.column_names else None
            row -= table.num_rows
        raise IndexError(row)

    @property
    def file(self) -> str:
        """The first file of the rows, to name in a problem of them all."""
        return self.segments[0][0]


def frame(table: pa.Table) -> pl.DataFrame:
    """The polars DataFrame of an Arrow table (pl.from_arrow is typed to return a Series as well)."""
    data = pl.from_arrow(table)
    assert isinstance(data, pl.DataFrame)
    return data
