"""Explainable features of a credit's tying text, for a learned kind of evidence (kinds_cv.py).

Each feature is named so that a reader can tell what fired: a cue of data/evidence_kinds.toml by group and number
("planned.3") in the cue's clause, its sentence or the passage; the tense of the clause's finite verbs (spaCy's
lookup lemmas: a form that is its verb's infinitive plus -r is present, plus -de/-te past, plus -t the supine);
future and modal verbs; figures and years; whether the credit names a region; the hand rules' own kind.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache

import regex

from reformtrace.annotate.kinds import KINDS_FILE, clauses

GROUPS = ("measured", "done", "planned", "mentioned", "events", "thresholds")  # the cue lists of evidence_kinds.toml
WORD = regex.compile(r"\p{L}+")
IRREGULAR = {"är": "present", "har": "present", "blir": "present", "får": "present", "går": "present", "gör": "present",
             "finns": "present", "var": "past", "hade": "past", "blev": "past", "fick": "past", "gick": "past",
             "gjorde": "past", "fanns": "past", "varit": "supine", "haft": "supine", "blivit": "supine", "fått": "supine",
             "gjort": "supine", "gjorts": "supine"}
MARKERS = {  # words of time and mood, each a feature of the cue's clause and of the sentence
    "future": r"\b(?:ska|skall|kommer att|planerar|avser)\b",
    "modal": r"\b(?:kan|kunna|kunde|bör|borde|måste|behöver|krävs)\b",
    "negation": r"\b(?:inte|ej|aldrig|inga|ingen|inget)\b",
    "assignment": r"\b(?:uppdrag\p{L}*|föreslå\p{L}*|förslag\p{L}*|ger\s+\p{L}+\s+i\s+uppdrag)\b",
    "figure": r"\d",
    "percent": r"\d\s*(?:%|procent)",
    "year": r"\b(?:19|20)\d\d\b",
    "money": r"\b(?:kronor|miljoner|miljarder|mnkr|mkr)\b",
}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[regex.Pattern]]:
    data = tomllib.loads(KINDS_FILE.read_text(encoding="utf-8"))
    found = {g: data[g]["patterns"] for g in GROUPS}
    out = {g: [regex.compile(p, regex.I) for p in ps] for g, ps in found.items()}
    out["markers"] = [regex.compile(p, regex.I) for p in MARKERS.values()]
    return out


@lru_cache(maxsize=1 << 14)
def tense(word: str) -> str | None:
    """present, past, supine or passive for a verb form the lemma table knows, else None."""
    from reformtrace.annotate.lemmas import lemma_table

    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    lemma = lemma_table().get(w)
    if lemma and lemma.endswith("are") and w == lemma[:-1]:
        return "present"  # the table gives the noun of the doer for the verb's present: "planerar" -> "planerare"
    if not lemma or not lemma.endswith("a") or len(lemma) < 3 or w == lemma:
        return None
    stem = lemma[:-1]
    if w in (lemma + "r", stem + "er"):
        return "present"
    if w in (lemma + "de", stem + "de", stem + "te", lemma + "des", stem + "des", stem + "tes"):
        return "past"
    if w in (lemma + "t", stem + "t", stem + "it", lemma + "ts", stem + "ts"):
        return "supine"
    if w in (lemma + "s", stem + "s"):
        return "passive"
    return None


def _text_features(prefix: str, text: str, out: dict[str, float]) -> None:
    pats = _patterns()
    for g in GROUPS:
        for i, p in enumerate(pats[g]):
            if p.search(text):
                out[f"{prefix}{g}.{i}"] = 1.0
                out[f"{prefix}{g}"] = 1.0
    for name, p in zip(MARKERS, pats["markers"]):
        if p.search(text):
            out[f"{prefix}{name}"] = 1.0


def _tenses(prefix: str, text: str, out: dict[str, float]) -> None:
    found = [t for t in (tense(m.group()) for m in WORD.finditer(text)) if t]
    for t in set(found):
        out[f"{prefix}tense:{t}"] = 1.0
    finite = next((t for t in found if t in ("present", "past")), None)
    if finite:
        out[f"{prefix}first finite:{finite}"] = 1.0


def features(text: str, chosen, spans, region: str = "", regional: bool = True, rules: str | None = None) -> dict[str, float]:
    """The features of a credit, from the arguments kinds.credit_kind reads it from (and the kind the hand rules give it,
    when they are to be a feature)."""
    out: dict[str, float] = {"bias": 1.0}
    if rules:
        out[f"rules: {rules}"] = 1.0
    about_a_region = bool(region) or any(getattr(s, "regions", ()) for s in chosen)
    if about_a_region:
        out["region"] = 1.0
    if not regional:
        out["passage names no region"] = 1.0
    cued = False
    for s in chosen:
        sentence = text[s.start:s.end]
        cues = [a - s.start for a, _ in spans if s.start <= a < s.end]
        parts = clauses(sentence)
        for c in cues:
            cued = True
            a, b = next(((a, b) for a, b in parts if a <= c < b), parts[-1])
            _text_features("clause ", sentence[a:b], out)
            _tenses("clause ", sentence[a:b], out)
        _text_features("sentence ", sentence, out)
        _tenses("sentence ", sentence, out)
    if cued:
        out["cue in a tying sentence"] = 1.0
    _text_features("passage ", text, out)
    return out
