"""The floor the build is measured against: the script a user would write instead of this package.

    python benchmarks/pandas_split.py SOURCES OUT.parquet

It reads every .txt of SOURCES, takes the header line, and splits the rest into turns where a line opens with one
of the markers of benchmarks/corpus.py's synthetic corpus (it knows them in advance: no detection, no sidecar, no
checks), alternating question and answer; then writes one Parquet file with pandas. Prints the seconds its work
took (imports excluded) as JSON on its last line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd

MARKERS = ("- ", "\u2013 ", "\u2014\u00a0", "Вопрос: ", "Ответ: ", "Корр.: ", "Айгуль Куспан: ")


def split(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    turns: list[dict] = []
    for line in body:
        marker = next((m for m in MARKERS if line.startswith(m)), None)
        if marker is not None:
            role = "question" if len(turns) % 2 == 0 else "answer"
            turns.append(
                {
                    "interview_id": path.stem,
                    "turn_index": len(turns) + 1,
                    "role": role,
                    "date": header[6:16],
                    "text": line[len(marker) :],
                }
            )
        elif turns:
            turns[-1]["text"] += "\n" + line
    return turns


def main() -> None:
    sources, out = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    rows = [turn for path in sorted(sources.glob("*.txt")) for turn in split(path)]
    pd.DataFrame(rows).to_parquet(out, index=False)
    print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(rows)}))


if __name__ == "__main__":
    main()
