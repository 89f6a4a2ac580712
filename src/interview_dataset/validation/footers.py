"""A Parquet file's footer → its config and whether its Arrow schema and row counts are the config's. Nothing in
the footer is executed or trusted: the config it declares must be its folder's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from interview_dataset.problems import Problem, reports, severity
from interview_dataset.schema import CONFIG_METADATA_KEY, CONFIGS, arrow_schema
from interview_dataset.validation.discovery import READ_ERRORS, NotRegular, open_regular, path_or_data_problem


@dataclass
class CheckedFile:
    """A Parquet file whose footer was read and whose schema fits its config (perhaps after a cast)."""

    path: Path
    config: str
    metadata: pq.FileMetaData
    #: column paths read as dictionaries (every string leaf), so repeated strings are not expanded
    strings: list[str]

    @property
    def name(self) -> str:
        return str(self.path)


def open_and_check_file(path: Path, strict: bool = False) -> tuple[CheckedFile | None, list[Problem]]:
    """Read one Parquet file's footer (nothing in it is executed; the file is closed again, so any number of
    files can be checked) and compare its schema and row counts with the config's."""
    name = str(path)
    try:
        with open_regular(path) as handle:
            parquet = pq.ParquetFile(handle)
            metadata, schema = parquet.metadata, parquet.schema_arrow
            strings = [column.path for column in parquet.schema if column.physical_type == "BYTE_ARRAY"]
    except (*READ_ERRORS, NotRegular) as error:
        return None, [path_or_data_problem(name, error)]
    config, problems = _config_of(path, schema)
    if config is None:
        return None, problems
    schema_problems = _schema_problems(name, schema, arrow_schema(config), strict)
    problems += schema_problems + _row_count_problems(name, metadata)
    if any(p.code != "type-drift" for p in schema_problems):
        return None, problems  # the data cannot be cast to the config's schema: its rows cannot be checked
    return CheckedFile(path, config, metadata, strings), problems


@reports("row-count-mismatch", None, "the footer's row counts are not the rows its row groups hold")
def _row_count_problems(file: str, metadata: pq.FileMetaData) -> list[Problem]:
    """The footer's row count is the sum of its row groups' (readers such as polars trust the first)."""
    groups = sum(metadata.row_group(k).num_rows for k in range(metadata.num_row_groups))
    if metadata.num_rows != groups:
        return [
            Problem(
                file,
                None,
                None,
                "row-count-mismatch",
                f"the footer says {metadata.num_rows} rows but its row groups hold {groups}",
            )
        ]
    return []


@reports("config-mismatch", None, "the config a file declares is not the config of its folder")
@reports("unknown-config", None, "neither the file's metadata nor its folder names a config")
def _config_of(file: Path, schema: pa.Schema) -> tuple[str | None, list[Problem]]:
    """The config a file belongs to: the one its metadata declares, which must be its folder's when the
    folder is named for a config; else its folder's."""
    declared = (schema.metadata or {}).get(CONFIG_METADATA_KEY, b"").decode(errors="replace")
    folder = file.parent.name if file.parent.name in CONFIGS else None
    if declared in CONFIGS and folder is not None and declared != folder:
        return None, [
            Problem(
                str(file),
                None,
                None,
                "config-mismatch",
                f"the file declares config {declared!r} but lies in the folder of config {folder!r}",
            )
        ]
    if declared in CONFIGS or folder is not None:
        return declared if declared in CONFIGS else folder, []
    return None, [
        Problem(
            str(file),
            None,
            None,
            "unknown-config",
            f"cannot tell the config: no {CONFIG_METADATA_KEY.decode()} metadata and folder is not one of {', '.join(CONFIGS)}",
        )
    ]


def _compatible(actual: pa.DataType, expected: pa.DataType) -> bool:
    """Whether values of `actual` can be cast to `expected` without changing them: the same type written
    another way (large_string, a view, a dictionary, large_list, other names or nullability of children, an
    integer as another integer or as a float)."""
    if actual.equals(expected):
        return True
    if pa.types.is_dictionary(actual):
        return _compatible(actual.value_type, expected)
    strings = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view)
    if any(is_(expected) for is_ in strings):
        return any(is_(actual) for is_ in strings)
    lists = (pa.types.is_list, pa.types.is_large_list, pa.types.is_list_view, pa.types.is_large_list_view)
    if any(is_(expected) for is_ in lists):
        return any(is_(actual) for is_ in lists) and _compatible(actual.value_type, expected.value_type)
    if pa.types.is_integer(expected):
        # pandas writes an integer column with nulls as float64 (its NaN for null); the cast is safe, so it
        # refuses any value that is not a whole number (cast-failed) and only the representation changes.
        return pa.types.is_integer(actual) or pa.types.is_floating(actual)
    if pa.types.is_struct(expected):
        return (
            pa.types.is_struct(actual)
            and [f.name for f in actual] == [f.name for f in expected]
            and all(_compatible(a.type, e.type) for a, e in zip(actual, expected))
        )
    return False


@reports("column-missing", "*", "a column of the schema is missing")
@reports("column-extra", "*", "a column is not in the schema")
@reports("column-type", "*", "a column has an Arrow type that cannot be cast to the schema's")
@reports("column-order", None, "the columns are not in the order of the schema")
def _schema_problems(file: str, actual: pa.Schema, expected: pa.Schema, strict: bool = False) -> list[Problem]:
    problems = []
    drifted = []
    for field_ in expected:
        if field_.name not in actual.names:
            problems.append(Problem(file, None, field_.name, "column-missing", f"column {field_.name!r} is missing"))
    for field_ in actual:
        if field_.name not in expected.names:
            problems.append(
                Problem(file, None, field_.name, "column-extra", f"column {field_.name!r} is not in the schema")
            )
            continue
        want = expected.field(field_.name)
        if not _compatible(field_.type, want.type):
            problems.append(
                Problem(file, None, field_.name, "column-type", f"type is {field_.type}, expected {want.type}")
            )
        elif not (
            field_.type.equals(want.type)
            and field_.nullable == want.nullable
            and (field_.metadata or {}) == (want.metadata or {})
        ):
            drifted.append(field_.name)
    if not problems and actual.names != expected.names:
        problems.append(
            Problem(
                file, None, None, "column-order", f"columns are in the order {actual.names}, expected {expected.names}"
            )
        )
    if drifted and not problems:
        which = (
            f"every column ({len(drifted)}) differs"
            if drifted == expected.names
            else f"columns {', '.join(drifted)} differ"
        )
        problems.append(
            Problem(
                file,
                None,
                None,
                "type-drift",
                f"{which} from the published Arrow schema in type, nullability or field metadata; "
                "checked after a cast to it",
                severity("type-drift", strict=strict),
            )
        )
    return problems
