"""Benchmark the build and validate on deterministic synthetic corpora made from the repository's interviews.

    python benchmarks/corpus.py                               # 500, 2,000 and 10,000; tagged 100 and 1,000
    python benchmarks/corpus.py --sizes 200 --tagged 20       # a quick look

For each size: generate the corpus (recombined paragraphs of sources/, varied dates and turn conventions,
most with a sidecar); build it in a fresh process parse-only (no entity tagging, no topic suggestion) and with
topic suggestion; run benchmarks/pandas_split.py, the script a user would write instead, on the same texts;
time validate against a bare pyarrow read of the files the build wrote, and entity tagging on a sample of turns.
Then build tagged corpora with the row cache, add one interview and build again. Prints every ratio of one run.
Figures depend on the machine; docs/benchmarks.md quotes a run on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
# As the build command does: one BLAS thread, set before numpy loads (see cli.py).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from interview_dataset.parse.interview import interview_from_text  # noqa: E402
from interview_dataset.parse.markers import speaker_marker  # noqa: E402
from interview_dataset.vocabulary import load_vocabulary  # noqa: E402

# How each generated interview marks its turns: (convention, question marker, answer marker).
MARKERS = [
    ("dash-hyphen", "- ", "- "),
    ("dash-en", "\u2013 ", "\u2013 "),
    ("dash-em", "\u2014\u00a0", "\u2014\u00a0"),
    ("labels-qa-ru", "Вопрос: ", "Ответ: "),
    ("labels-speaker", "Корр.: ", "Айгуль Куспан: "),
]


def paragraphs_of_repo(texts: list[Path] | None = None) -> tuple[list[str], list[str], list[str], str]:
    """Question paragraphs, answer paragraphs, titles and a lead from the given texts (default: the repository's
    interviews)."""
    questions, answers, titles, leads = [], [], [], []
    for path in texts or sorted((ROOT / "sources").glob("*.txt")):
        interview = interview_from_text(path.read_text(encoding="utf-8"))
        titles.append(interview.title)
        leads.append(interview.lead)
        for turn in interview.turns:
            (questions if turn.role == "question" else answers).extend(turn.text.splitlines())
    # A paragraph that reads as a speaker label ("К.Токаев – …") is one quotation in its interview, but repeated by
    # the recombination it would be a speaker who speaks twice: the parser rightly refuses such a text.
    answers = [p for p in answers if speaker_marker(p, 0, None, 0) is None]
    return questions, answers, titles, leads[0]


def generate(folder: Path, n: int, texts: list[Path] | None = None) -> int:
    """Write n synthetic interviews (text + sidecar for 9 in 10) made from `texts` (default: the repository's
    interviews) and return the bytes of text written."""
    questions, answers, titles, lead = paragraphs_of_repo(texts)
    slugs = sorted(load_vocabulary())
    total = 0
    for i in range(n):
        rng = random.Random(i)
        date = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2000))
        convention, q_mark, a_mark = MARKERS[i % len(MARKERS)]
        exchanges = rng.randint(3, 9)
        lines = [f" date {date.isoformat()} {rng.choice(titles)} ({i})", lead]
        for _ in range(exchanges):
            lines.append(q_mark + rng.choice(questions))
            body = rng.sample(answers, rng.randint(1, 6))
            lines.append(a_mark + body[0])
            lines.extend(body[1:])
        text = "\n".join(lines) + "\n"
        stem = f"{date.isoformat()}-synthetic-{i:05d}"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        if i % 10:
            sidecar = {
                "outlet": "Synthetic",
                "url": None,
                "language": "ru",
                "interviewer": {"id": "synthetic-correspondent", "name": "Корреспондент"},
                "interviewees": [{"id": "aigul-kuspan", "name": "Айгуль Куспан", "position": None}],
                "topics": [rng.choice(slugs) for _ in range(exchanges)],
            }
            (folder / f"{stem}.yaml").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
    return total


# Runs in a fresh process so that its peak RSS is the build's alone. The peak is VmHWM, the high-water mark of
# this process's own memory: getrusage's ru_maxrss would also carry the parent's peak across fork and exec.
_CHILD = """
import json, re, sys, time
sys.path.insert(0, {src!r})
from interview_dataset.pipeline.build import build
start = time.perf_counter()
report = build({sources!r}, {out!r}, jobs={jobs}, scheduler={scheduler!r}, cache={cache!r}, quiet=True,
               mentions={mentions!r}, topics={topics!r}, warn=lambda line: None)
seconds = time.perf_counter() - start
hwm_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(json.dumps({{"seconds": seconds, "rows": report.rows, "rss_mb": hwm_kb / 1024}}))
"""


def build_in_child(
    sources: Path,
    out: Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    cache: bool = False,
    mentions: bool = False,
    topics: bool = False,
) -> dict:
    """Build in a fresh process; its wall time inside build() (the imports it makes included), rows per config
    and peak RSS. Without `mentions` and `topics` this is the parse-only build."""
    code = _CHILD.format(
        src=str(ROOT / "src"),
        sources=str(sources),
        out=str(out),
        jobs=jobs,
        scheduler=scheduler,
        cache=cache,
        mentions=mentions,
        topics=topics,
    )
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(child.stdout.strip().splitlines()[-1])


def measure(n: int, jobs: int, work: Path) -> dict:
    """The parse-only build of n interviews against the hand-rolled pandas script, with topic suggestion, and
    validate against a bare read of what it wrote."""
    sources, out = work / f"sources-{n}", work / f"out-{n}"
    sources.mkdir()
    source_bytes = generate(sources, n)
    result = build_in_child(sources, out, jobs=jobs)
    topics = build_in_child(sources, work / f"topics-{n}", jobs=jobs, topics=True)["seconds"]
    floor = pandas_split_in_child(sources, work / f"floor-{n}.parquet")

    import pyarrow.parquet as pq

    from interview_dataset.validation.validate import validate_dataset

    data = out / "data"
    configs = ("turns", "qa_pairs", "interviews", "entities")
    validate_dataset(ROOT / "data")  # imports and first-call set-up are paid once per process, not per file
    # Each figure is the best of three runs: the machine's other work only ever adds time.
    bare_read = min(_timed(lambda: {c: pq.read_table(data / c) for c in configs})[0] for _ in range(3))
    tables = _timed(lambda: {c: pq.read_table(data / c) for c in configs})[1]
    validate_seconds, problems = min((_timed(lambda: validate_dataset(data)) for _ in range(3)), key=lambda r: r[0])
    assert not problems, problems[:3]
    tagging = tagging_mb_s(tables["turns"])
    shutil.rmtree(sources)
    rows = sum(result["rows"].values())
    return {
        "interviews": n,
        "source_mb": source_bytes / 1e6,
        "rows": rows,
        "build_s": result["seconds"],
        "mb_s": source_bytes / 1e6 / result["seconds"],
        "floor_s": floor,
        "build_x_floor": result["seconds"] / floor,
        "topics_s": topics,
        "rss_mb": result["rss_mb"],
        "validate_s": validate_seconds,
        "read_s": bare_read,
        "validate_x_read": validate_seconds / bare_read,
        "tagging_mb_s": tagging,
    }


def pandas_split_in_child(sources: Path, out: Path) -> float:
    """Seconds of benchmarks/pandas_split.py's work on `sources`, in a fresh process (imports excluded)."""
    script = ROOT / "benchmarks" / "pandas_split.py"
    child = subprocess.run(
        [sys.executable, str(script), str(sources), str(out)], capture_output=True, text=True, check=True
    )
    return json.loads(child.stdout.strip().splitlines()[-1])["seconds"]


def tagging_mb_s(turns, sample_turns: int = 300) -> float:
    """Entity tagging throughput (MB of turn text per second) on the first turns, one batch per interview as the
    build tags them, model already loaded.

    The corpus builds run without mentions; this column gives the rate to plan a tagged build by
    (benchmarks/tagging.py compares it with the model's bare NER).
    """
    from interview_dataset.annotate.mentions import mentions_in_texts, model

    model()
    sample = turns.select(["interview_id", "text"]).slice(0, sample_turns).to_pylist()
    batches: dict[str, list[str]] = {}
    for row in sample:
        batches.setdefault(row["interview_id"], []).append(row["text"])
    start = time.perf_counter()
    for texts in batches.values():
        mentions_in_texts(texts)
    return sum(len(row["text"].encode("utf-8")) for row in sample) / 1e6 / (time.perf_counter() - start)


def measure_incremental(n: int, work: Path) -> dict:
    """A default build (entities tagged, topics suggested) of n interviews with the row cache, then the same
    corpus plus one interview."""
    sources, out = work / f"tagged-{n}", work / f"tagged-out-{n}"
    sources.mkdir()
    generate(sources, n + 1)
    extra = sorted(sources.glob("*.txt"))[-1]
    moved = [extra, extra.with_suffix(".yaml")]
    for path in moved:
        if path.exists():
            path.rename(work / path.name)
    full = build_in_child(sources, out, cache=True, mentions=True, topics=True)["seconds"]
    for path in moved:
        if (work / path.name).exists():
            (work / path.name).rename(path)
    add_one = build_in_child(sources, out, cache=True, mentions=True, topics=True)["seconds"]
    return {"interviews": n, "full_s": full, "add_one_s": add_one, "ratio": add_one / full}


def measure_engines(n: int, work: Path) -> dict:
    """A default build of n interviews with `--jobs 2` and on a LocalCluster of 2 worker processes."""
    from distributed import LocalCluster

    sources = work / f"engines-{n}"
    sources.mkdir()
    generate(sources, n)
    jobs = build_in_child(sources, work / "engines-jobs", jobs=2, mentions=True, topics=True)["seconds"]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = build_in_child(
            sources, work / "engines-dask", scheduler=cluster.scheduler_address, mentions=True, topics=True
        )["seconds"]
    return {"interviews": n, "jobs_s": jobs, "cluster_s": dask}


def _timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000], help="corpus sizes in interviews")
    parser.add_argument("--jobs", type=int, default=1, help="build processes (default 1: the per-process figure)")
    parser.add_argument(
        "--tagged", type=int, nargs="*", default=[100, 1000], help="sizes of the tagged corpora of the add-one runs"
    )
    parser.add_argument("--engines", action="store_true", help="also time --jobs 2 and a LocalCluster (tagged)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="interview-dataset-bench-") as tmp:
        results = [measure(n, args.jobs, Path(tmp)) for n in args.sizes]
        incremental = [measure_incremental(n, Path(tmp)) for n in args.tagged]
        engines = measure_engines(args.tagged[0], Path(tmp)) if args.engines and args.tagged else None
    print(f"measured {datetime.date.today().isoformat()}; {os.cpu_count()} cores\n")
    print(
        "| interviews | source MB | rows | parse-only build s | MB/s | pandas script s | build ÷ pandas script "
        "| with topics s | peak RSS MB | validate s | bare read s | validate ÷ bare read | entity tagging MB/s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['interviews']:,} | {r['source_mb']:.1f} | {r['rows']:,} | {r['build_s']:.2f} | {r['mb_s']:.1f} | "
            f"{r['floor_s']:.2f} | {r['build_x_floor']:.1f}× | {r['topics_s']:.2f} | {r['rss_mb']:.0f} | "
            f"{r['validate_s']:.2f} | {r['read_s']:.2f} | {r['validate_x_read']:.1f}× | {r['tagging_mb_s']:.2f} |"
        )
    for r in results[1:]:
        print(
            f"\npeak RSS, {r['interviews']:,} ÷ {results[0]['interviews']:,} interviews: "
            f"{r['rss_mb'] / results[0]['rss_mb']:.2f}×"
        )
    for r in incremental:
        print(
            f"\ntagged corpus of {r['interviews']:,}: full build with the row cache {r['full_s']:.1f} s; "
            f"adding one interview {r['add_one_s']:.1f} s = {r['ratio']:.1%} of the full build"
        )
    if engines:
        r = engines
        print(
            f"tagged corpus of {r['interviews']:,}: --jobs 2 {r['jobs_s']:.1f} s; LocalCluster of 2 workers {r['cluster_s']:.1f} s"
        )


if __name__ == "__main__":
    main()
