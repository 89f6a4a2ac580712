"""Check `interview-dataset import` on a folder of saved interview pages against their truth files.

    python benchmarks/import_devset.py PAGES_DIR                 # truths from benchmarks/import-devset/
    python benchmarks/import_devset.py PAGES_DIR --page SLUG --verbose

The pages belong to their publishers and are not in the repository: save them into PAGES_DIR as `<slug>.html`
(benchmarks/import-devset/MANIFEST.md says where each one is kept). For each truth `<slug>.truth.json` whose
page is in PAGES_DIR, the importer runs as a user runs it (a subprocess,
`python -m interview_dataset import`, into a temporary folder), and the source it wrote is parsed back with the
package's own parser. The page is then:

- right: as many turns as the truth, each with the truth's role and speaker, each text starting with the
  truth's first words;
- refused: the import exited with a refusal (its message is printed);
- wrong: anything else (a page written with other turns than the truth's).

Speakers: a truth speaker matches a turn whose label names that person (the label equals the name, or contains
it as whole words, as in "President of Russia Vladimir Putin"); a truth speaker of null matches only a marker
that names nobody (`Q`, `Interviewer`, …; ANONYMOUS). Nothing is fetched: pages are read from PAGES_DIR only.
Exit status 1 when any page is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRUTHS = ROOT / "benchmarks" / "import-devset"
ROLES = {"question": "q", "answer": "a"}
#: The markers the importer writes for a turn whose page names nobody (`Q:`, `Interviewer:`, …): a truth speaker
#: of null must get one of these, never a name.
ANONYMOUS = {
    *("q", "a", "interviewer", "question", "answer", "вопрос", "ответ", "корреспондент", "тілші", "сұрақ", "жауап"),
    *("frage", "antwort", "pregunta", "respuesta", "réponse", "reponse"),
}
#: A statement is spoken unasked: by an interviewee before the first question (the truth's "a"), by the
#: interviewer after the last answer (the truth's "q").


def normalised(text: str) -> str:
    """Words only, case-folded, quotes and dashes unified: how first words are compared."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2018\u2019\u201a\u201b`´]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u00ab\u00bb]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def names_person(label: str | None, person: str) -> bool:
    if not label:
        return False
    label, person = normalised(label), normalised(person)
    if label.replace(" ", "") == person.replace(" ", ""):  # "VladimirPutin", a typo on the page
        return True
    return label == person or re.search(rf"(^|\W){re.escape(person)}($|\W)", label) is not None


def import_page(page: Path, src: Path | None, *options: str) -> tuple[str, object]:
    """Run the importer on one page: ("refused", message) or ("written", parsed turns)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(
            [sys.executable, "-m", "interview_dataset", "import", str(page), "--sources", out, *options],
            capture_output=True,
            text=True,
            env=env,
        )
        written = sorted(Path(out).glob("*.txt"))
        if run.returncode != 0 or not written:
            return "refused", (run.stderr.strip() or run.stdout.strip() or f"exit {run.returncode}")
        parse = subprocess.run([sys.executable, "-c", PARSE, str(written[0])], capture_output=True, text=True, env=env)
        if parse.returncode != 0:
            return "unparsable", parse.stderr.strip().splitlines()[-1:]
        return "written", json.loads(parse.stdout)


# Parse the written source with the package's parser, whichever module it lives in.
PARSE = """
import json, sys
from pathlib import Path
import yaml
try:
    from interview_dataset.parse import interview_from_text
except ImportError:
    from interview_dataset.parse.interview import interview_from_text
path = Path(sys.argv[1])
meta = yaml.safe_load(path.with_suffix('.yaml').read_text(encoding='utf-8'))
interview = interview_from_text(path.read_text(encoding='utf-8'), str(path), meta)
asker = (meta.get("interviewer") or {}).get("name")  # who asks, where the turns carry no label (Q:/A:)
print(json.dumps([[t.role, t.speaker or (asker if t.role == "question" and not t.label else None), t.label, t.text]
                  for t in interview.turns], ensure_ascii=False))
"""


def compare(truth: dict, turns: list) -> list[str]:
    """Every difference between the truth's turns and the parsed turns; empty when the page is right."""
    expected = truth["turns"]
    problems = []
    asked = [any(t[0] == "question" for t in turns[: k + 1]) for k in range(len(turns))]
    turns = [
        [("q" if asked[k] else "a") if t[0] == "statement" else ROLES.get(t[0]), *t[1:]] for k, t in enumerate(turns)
    ]
    if len(turns) != len(expected):
        problems.append(f"{len(turns)} turns, truth has {len(expected)}")
    for number, (want, got) in enumerate(zip(expected, turns), start=1):
        role, speaker, label, text = got
        said = label or speaker
        if role != want["role"]:
            problems.append(f"turn {number}: role {role}, truth {want['role']} ({want['first_words']!r})")
        if want["speaker"] is None:
            if said is not None and normalised(said) not in ANONYMOUS:
                problems.append(f"turn {number}: speaker {said!r}, truth a label that names nobody")
        elif not (names_person(said, want["speaker"]) or names_person(speaker, want["speaker"])):
            problems.append(f"turn {number}: speaker {said!r}, truth {want['speaker']!r}")
        if not normalised(text).startswith(normalised(want["first_words"])):
            problems.append(f"turn {number}: starts {text[:60]!r}, truth {want['first_words']!r}")
        if len(problems) > 6:
            break
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of saved pages, <slug>.html")
    parser.add_argument("--truth", type=Path, default=TRUTHS, help="folder of <slug>.truth.json (default: %(default)s)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="src/ folder to import the package from")
    parser.add_argument("--page", action="append", help="check only these slugs")
    parser.add_argument("--verbose", action="store_true", help="print every difference of a wrong page")
    parser.add_argument(
        "--follow-hints",
        action="store_true",
        help="where a refusal suggests --every-turn-marked, import again with it, as a user who read the page would",
    )
    args = parser.parse_args(argv)
    totals = {"right": 0, "refused": 0, "wrong": 0}
    truths = sorted(args.truth.glob("*.truth.json"))
    for truth_path in truths:
        slug = truth_path.name[: -len(".truth.json")]
        if (args.page and slug not in args.page) or not (args.folder / f"{slug}.html").exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        outcome, result = import_page(args.folder / f"{slug}.html", args.src)
        if args.follow_hints and outcome == "refused" and "pass --every-turn-marked" in str(result):
            outcome, result = import_page(args.folder / f"{slug}.html", args.src, "--every-turn-marked")
        if outcome == "refused":
            verdict, detail = "refused", str(result).splitlines()[-1]
        elif outcome == "unparsable":
            verdict, detail = "wrong", f"written but unparsable: {result}"
        else:
            problems = compare(truth, result)
            verdict = "wrong" if problems else "right"
            detail = "; ".join(problems if args.verbose else problems[:2])
        totals[verdict] += 1
        print(f"{verdict:8} {slug:55} {detail}")
    n = sum(totals.values())
    print(f"\n{n} pages: {totals['right']} right, {totals['refused']} refused, {totals['wrong']} wrong")
    return 1 if totals["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
