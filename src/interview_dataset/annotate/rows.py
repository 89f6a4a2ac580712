"""Parsed turns + curated sidecar → the rows of every config: speakers, topics from the vocabulary, ids.

`rows_from_source` is a pure function of (source text, metadata): any engine can call it per document.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_dataset.annotate.mentions import LANGUAGES, mentions_in_texts
from interview_dataset.annotate.topics import suggest_topic
from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import ANSWER, QUESTION, Interview, Turn, interview_from_text, interviewer_speaks
from interview_dataset.parse.language import language_of
from interview_dataset.parse.names import name_in_lead
from interview_dataset.parse.sources import Source
from interview_dataset.vocabulary import Topic, load_aliases, load_vocabulary
from interview_dataset.yamlfile import yaml_line


@dataclass(frozen=True)
class Rows:
    """The rows one interview contributes to each config, as plain dicts in schema order."""

    turns: list[dict]
    qa_pairs: list[dict]
    interviews: list[dict]
    entities: list[dict]


def rows_from_source(source: Source, mentions: bool = True, topics: bool = True) -> Rows:
    """All rows of one source; raise SourceError with file and line on anything that does not fit.

    With `mentions`, every turn of a text in a language the NER model reads (mentions.LANGUAGES) is tagged;
    otherwise `mentions` is null and the interview contributes no `entities` rows. With `topics`, every exchange
    gets the topic suggester's CAP major topic (annotate/topics.py), curated or not; otherwise none.
    """
    meta = source.sidecar or {}
    interview = interview_from_text(source.text, str(source.path), meta)
    speakers = _speakers(source, interview, meta)
    curated = _exchange_topics(source, interview, meta)
    turns = _turn_rows(source, interview, meta, speakers, curated)
    _add_suggested_topics(turns, language_of(source.sidecar, source.text) if topics else None)
    tag = mentions and _tagged(source)
    if tag:
        # One batch per interview: the NER and morphology models run over all its turns together.
        for row, found in zip(turns, mentions_in_texts([row["text"] for row in turns])):
            row["mentions"] = found
    return Rows(
        turns=turns,
        qa_pairs=_qa_pair_rows(turns),
        interviews=[_interview_row(source, interview, meta, turns)],
        entities=_entity_rows(source.id, turns) if tag else [],
    )


def _add_suggested_topics(turns: list[dict], language: str | None) -> None:
    """Fill topic_suggested, topic_confidence and topic_source of every turn: one suggestion per exchange, from
    its question and answers (none when `language` is None); the curated topic, where there is one, stays the
    exchange's topic."""
    exchanges: dict[int, list[dict]] = {}
    for row in turns:
        exchanges.setdefault(row["exchange_index"], []).append(row)
    for rows in exchanges.values():
        question = "\n".join(row["text"] for row in rows if row["role"] == QUESTION)
        answer = "\n".join(row["text"] for row in rows if row["role"] != QUESTION)
        suggestion = suggest_topic(question, answer, language) if language else None
        for row in rows:
            row["topic_suggested"] = suggestion.code if suggestion else None
            row["topic_confidence"] = suggestion.confidence if suggestion else None
            row["topic_source"] = "curated" if row["topic"] else "suggested" if suggestion else None


def _tagged(source: Source) -> bool:
    return language_of(source.sidecar, source.text) in LANGUAGES


def missing_metadata(source: Source, turns: list[dict] | None = None) -> list[str]:
    """What a source does not state, as one warning line for the build (empty when nothing is missing): the
    sidecar's missing keys, an interviewee nobody names, a language the NER model does not read. `turns`, the
    source's turn rows when the caller has them, spares parsing the text again."""
    meta = source.sidecar or {}
    parts = []
    if source.sidecar is None:
        parts.append(
            f"no sidecar ({source.path.stem}.yaml): outlet, url, language, interviewer ids and topics are null; "
            "speakers only where the text names them"
        )
    else:
        missing = [key for key in ("outlet", "language", "interviewer", "interviewees", "topics") if not meta.get(key)]
        if missing:
            parts.append(f"sidecar does not state {', '.join(missing)}: null in the data")
    if turns is None:
        try:
            turns = rows_from_source(source, mentions=False, topics=False).turns
        except SourceError:
            turns = []  # the build reports the error itself
    if turns and not any(row["speaker"] for row in turns if row["speaker_role"] == "interviewee"):
        parts.append("no interviewee found in the sidecar, the labels or the lead: answers have speaker null")
    language = language_of(source.sidecar, source.text)
    if language not in LANGUAGES:
        parts.append(
            f"language {language or 'unknown'}: entity mentions are tagged only in {', '.join(sorted(LANGUAGES))}; null here"
        )
    return ["; ".join(parts)] if parts else []


def turn_id(interview_id: str, index: int) -> str:
    return f"{interview_id}-t{index:03d}"


def _sidecar_error(source: Source, key_path: list, message: str) -> SourceError:
    text = source.sidecar_path.read_text(encoding="utf-8") if source.sidecar_path else ""
    return SourceError(source.sidecar_path or source.path, yaml_line(text, key_path), message)


def _speakers(source: Source, interview: Interview, meta: dict) -> list[dict]:
    """Who speaks each turn (see `_speaker`); the lead is read for a name only when nothing else names one."""
    lead_name = None
    if not meta.get("interviewees") and interview.convention != "labels-speaker":
        lead_name = name_in_lead(interview.lead or "", meta.get("outlet"))
    asks = interviewer_speaks(interview.turns)
    return [_speaker(source, interview, meta, turn, lead_name, a) for turn, a in zip(interview.turns, asks)]


def _speaker(source: Source, interview: Interview, meta: dict, turn: Turn, lead_name: str | None, asks: bool) -> dict:
    """Who speaks a turn: the sidecar's interviewer asks, unless a question header names who asks; a speaker label
    names its person (the sidecar's name and id, else the fullest spelling in the text); otherwise the one
    interviewee of the sidecar answers, or the person the lead names."""
    if asks and meta.get("interviewer") and turn.asked_by is None:
        person = meta["interviewer"]
        return {"speaker": person["name"], "speaker_id": person["id"]}
    if asks or turn.speaker is not None:
        return {"speaker": turn.speaker, "speaker_id": turn.speaker_id}
    interviewees = meta.get("interviewees") or []
    if len(interviewees) > 1:
        raise _sidecar_error(
            source,
            ["interviewees"],
            f"{len(interviewees)} interviewees, but the {interview.convention} convention does not say who "
            "answers; mark turns with speaker labels ('Name: ...') in the text",
        )
    if interviewees:
        return {"speaker": interviewees[0]["name"], "speaker_id": interviewees[0]["id"]}
    return {"speaker": lead_name, "speaker_id": None}


def _exchange_topics(source: Source, interview: Interview, meta: dict) -> list[Topic | None]:
    n_exchanges = sum(turn.role != ANSWER for turn in interview.turns)  # a statement is an exchange of its own
    slugs = meta.get("topics")
    if slugs is None:
        return [None] * n_exchanges
    if len(slugs) != n_exchanges:
        raise _sidecar_error(
            source,
            ["topics"],
            f"topics lists {len(slugs)} topic(s) but the text has {n_exchanges} exchange(s); give one per exchange",
        )
    vocabulary = load_vocabulary()
    topics = []
    for i, slug in enumerate(slugs):
        if slug is not None and slug not in vocabulary:
            raise _sidecar_error(source, ["topics", i], f"unknown topic {slug!r}: not in schema/topics.yaml")
        topics.append(vocabulary.get(slug) if slug is not None else None)
    return topics


def _turn_rows(source: Source, interview: Interview, meta: dict, speakers: list[dict], topics: list) -> list[dict]:
    rows = []
    exchange = 0
    question_id = None
    for turn, speaker, asks in zip(interview.turns, speakers, interviewer_speaks(interview.turns)):
        tid = turn_id(source.id, turn.index)
        if turn.role != ANSWER:
            exchange += 1
            question_id = tid
        topic = topics[exchange - 1]
        rows.append(
            {
                "interview_id": source.id,
                "turn_id": tid,
                "turn_index": turn.index,
                "exchange_index": exchange,
                "role": turn.role,
                "speaker": speaker["speaker"],
                "speaker_role": "interviewer" if asks else "interviewee",
                "speaker_id": speaker["speaker_id"],
                "topic": topic.slug if topic else None,
                "cap_major_topic": topic.cap_major_topic if topic else None,
                "topic_suggested": None,
                "topic_confidence": None,
                "topic_source": None,
                "date": interview.date,
                "text": turn.text,
                "reply_to": question_id if turn.role == ANSWER else None,
                "char_start": turn.start,
                "char_end": turn.end,
                "language": meta.get("language"),
                "mentions": None,
            }
        )
    return rows


def _entity_rows(interview_id: str, turns: list[dict]) -> list[dict]:
    """One row per canonical entity the turns mention, ordered by name."""
    curated = {name: kind for name, kind in load_aliases().canonical.values()}
    found: dict[str, dict] = {}
    for turn in turns:
        for mention in turn["mentions"]:
            entry = found.setdefault(mention["canonical"], {"types": [], "turns": set(), "forms": set()})
            entry["types"].append(mention["type"])
            entry["turns"].add(turn["turn_id"])
            entry["forms"].add(mention["text"])
    rows = []
    for canonical in sorted(found):
        entry = found[canonical]
        # The model may call one name PER here and LOC there; the most frequent type wins, ties by name.
        most_common = sorted(set(entry["types"]), key=lambda t: (-entry["types"].count(t), t))[0]
        rows.append(
            {
                "interview_id": interview_id,
                "canonical": canonical,
                "type": curated.get(canonical, most_common),
                "in_alias_table": canonical in curated,
                "n_mentions": len(entry["types"]),
                "n_turns": len(entry["turns"]),
                "forms": sorted(entry["forms"]),
            }
        )
    return rows


def _qa_pair_rows(turns: list[dict]) -> list[dict]:
    by_id = {row["turn_id"]: row for row in turns}
    pairs = []
    for answer in turns:
        if answer["role"] != ANSWER:
            continue
        question = by_id[answer["reply_to"]]
        pairs.append(
            {
                "interview_id": answer["interview_id"],
                "pair_id": answer["turn_id"],
                "exchange_index": answer["exchange_index"],
                "question_turn_id": question["turn_id"],
                "answer_turn_id": answer["turn_id"],
                "question": question["text"],
                "answer": answer["text"],
                "interviewer": question["speaker"],
                "interviewee": answer["speaker"],
                "interviewee_id": answer["speaker_id"],
                "topic": answer["topic"],
                "cap_major_topic": answer["cap_major_topic"],
                "topic_suggested": answer["topic_suggested"],
                "topic_confidence": answer["topic_confidence"],
                "topic_source": answer["topic_source"],
                "date": answer["date"],
                "language": answer["language"],
            }
        )
    return pairs


def _interview_row(source: Source, interview: Interview, meta: dict, turns: list[dict]) -> dict:
    interviewer = meta.get("interviewer") or {}
    if meta.get("interviewees"):
        interviewees = [
            {"speaker_id": p["id"], "name": p["name"], "position": p.get("position")} for p in meta["interviewees"]
        ]
    else:
        # Without a sidecar, the answering speakers the text names (by label) are all we know.
        seen = dict.fromkeys(
            (t["speaker_id"], t["speaker"]) for t in turns if t["speaker_role"] == "interviewee" and t["speaker"]
        )
        interviewees = [{"speaker_id": sid, "name": name, "position": None} for sid, name in seen]
    n_questions = sum(t["role"] == QUESTION for t in turns)
    return {
        "interview_id": source.id,
        "date": interview.date,
        "title": interview.title,
        "lead": interview.lead,
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "language": meta.get("language"),
        "interviewer": interviewer.get("name")
        or next((t["speaker"] for t in turns if t["role"] == QUESTION and t["speaker"]), None),
        "interviewer_id": interviewer.get("id"),
        "interviewees": interviewees,
        "convention": interview.convention,
        "n_turns": len(turns),
        "n_questions": n_questions,
        "n_answers": sum(t["role"] == ANSWER for t in turns),
        "source_file": source.path.name,
        "source_sha256": source.sha256,
        "source_text": source.text,
    }
