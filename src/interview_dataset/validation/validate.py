"""Parquet files → every problem found, as rows (file, row, field, code, message); never a traceback.

Three layers, all on every file: the Arrow schema (columns, types, field metadata), JSON Schema on every row,
and the pandera model (types, enums, uniqueness and the checks across rows). When all configs are validated
together, the checks across configs run too (turn texts against the verbatim source, counts, pairs); when they
cannot, a `cross-config-skipped` line says so. Nothing in a file that can be recomputed is trusted: the config
it declares must be its folder's, the row counts and column statistics of its footer must be the data's, and
its data is read without the statistics. A file a client rewrote with compatible types (large_string, other
nullability or metadata: pandas, polars, `datasets`) is cast to the published schema first (`type-drift`),
so its content is checked all the same.

This module runs the steps, one module each: discovery.py (paths → files), footers.py (footer and Arrow
schema), batches.py (row groups in bounded memory), tableproblems.py (JSON Schema per column, columnschema.py,
and the pandera model), crosschecks.py (across configs; speakers.py the speakers against the interviews config).
"""

from __future__ import annotations

import os
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from interview_dataset.problems import Problem, severity
from interview_dataset.schema import CONFIGS
from interview_dataset.validation.batches import MAX_DECODED_BYTES, batches, bound_mentions
from interview_dataset.validation.crosschecks import cross_problems
from interview_dataset.validation.discovery import NO_DESCRIPTOR, Unreadable, expand_paths
from interview_dataset.validation.footers import CheckedFile, open_and_check_file
from interview_dataset.validation.tableproblems import Seen, table_problems

__all__ = ["MAX_DECODED_BYTES", "Problem", "validate_dataset", "validate_paths"]


def validate_paths(paths: list[str | Path], strict: bool = False, require_all: bool = False) -> list[Problem]:
    """Validate Parquet files, config folders or whole data folders; checks across configs run when every
    config is among them. `strict` makes type drift an error, `require_all` a skipped check across configs."""
    problems: list[Problem] = []
    opened: dict[str, list[CheckedFile]] = defaultdict(list)
    for path in expand_paths(paths, problems):
        file, file_problems = open_and_check_file(path, strict)
        problems += file_problems
        if file is not None:
            opened[file.config].append(file)
        if any(p.message == NO_DESCRIPTOR for p in file_problems):
            break  # every further file would fail the same way: one line says it
    seen = Seen()
    crossed = False
    try:
        for batch in batches(opened, problems):
            bounded = bound_mentions(batch)
            problems += bounded
            # The checks of each config and those across configs are Arrow and polars work that releases the GIL:
            # run side by side, they use the cores a bare read uses (about 20% faster on two cores).
            with ThreadPoolExecutor(max_workers=len(batch) + 1) as pool:
                found = [pool.submit(table_problems, part, config, seen) for config, part in batch.items()]
                crossed_now = all(config in batch for config in CONFIGS)
                across = pool.submit(cross_problems, batch, entities=not bounded) if crossed_now else None
                for future in found:
                    problems += future.result()
                if across is not None:
                    problems += across.result()
                    crossed = True
    except Unreadable as unreadable:
        problems.append(unreadable.problem)
    if not crossed:
        problems.append(_skipped(paths, opened, require_all))
    return sorted(set(problems), key=lambda p: (p.file, -1 if p.row is None else p.row, p.field or "", p.code))


def validate_dataset(data_dir: str | Path) -> list[Problem]:
    """Validate a data folder as the build writes it: data/<config>/*.parquet for every config; every check
    must run (a skipped check across configs is an error here)."""
    return validate_paths([data_dir], strict=True, require_all=True)


def _skipped(paths: list[str | Path], opened: dict[str, list[CheckedFile]], require_all: bool) -> Problem:
    missing = [config for config in CONFIGS if config not in opened]
    try:
        where = os.path.commonpath([str(p) for p in paths]) or "."
    except ValueError:  # absolute and relative paths together
        where = str(paths[0])
    reason = (
        f"no checkable file of {', '.join(missing)}" if missing else "a file was refused before its rows were checked"
    )
    return Problem(
        where,
        None,
        None,
        "cross-config-skipped",
        f"checks across configs did not run: {reason}",
        severity("cross-config-skipped", require_all=require_all),
    )
