"""The kind of evidence a sentence gives for a label: done, planned, measured or mentioned.

Read at the label's cue, clause by clause: the cue's own clause, else the
clause that governs it; a figure anywhere in the sentence is a measurement.
The cue lists and their schema are data/evidence_kinds.toml.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.sentences import sentence_spans

KINDS_FILE = Path(__file__).parents[1] / "data" / "evidence_kinds.toml"
PURPOSES = r"för att|i syfte att|med (?:målet|syftet) att|så att|till att"  # what the work is for: "... ska kunna användas mer effektivt"
SUBORDINATE = regex.compile(rf"\s*(?:som|där|vilket|vilka|medan|eftersom|hur|{PURPOSES})\b", regex.I)  # not a main clause
INDIRECT = regex.compile(r"\s*hur\b", regex.I)  # an indirect question: the content of what is described or asked
RELATIVE = regex.compile(r"\s*som\b", regex.I)  # after a subject of a word or two, it runs on into the main verb
PURPOSE = regex.compile(rf"\s*(?:{PURPOSES})\b", regex.I)
OWN_CLAUSE = regex.compile(r"\s*(?:men|som|där|vilket|vilka|medan|eftersom|samtidigt|hur|att)\b", regex.I)  # not a purpose run on
# a passage's sentences are read again for each of its credits (every region, every label, and the
# passage's own kind for rows without a cue), and short clauses recur from passage to passage: the
# latest sentences' and clauses' kinds are remembered; few enough that a corpus of repeated reports
# is not made to look cheaper than distinct ones (docs/SCALING.md)
SENTENCES_REMEMBERED = 1 << 10


@dataclass(frozen=True)
class KindRules:
    kinds: list[tuple[str, regex.Pattern]]  # tried in this order within a clause
    events: regex.Pattern
    default: str
    clauses: regex.Pattern  # where a sentence is cut into clauses
    thresholds: regex.Pattern  # a figure set as a condition or a target, not a result
    strength: list[str]  # which kind of several clauses a row gets: the first here
    default_no_region: str  # a row whose sentences name no region and hold no cue


@lru_cache(maxsize=1)
def kind_rules() -> KindRules:
    """The kind cues of data/evidence_kinds.toml, compiled."""
    data = tomllib.loads(KINDS_FILE.read_text(encoding="utf-8"))
    either = lambda patterns: regex.compile("|".join(f"(?:{p})" for p in patterns), regex.I)
    return KindRules([(kind, either(data[kind]["patterns"])) for kind in data["order"]], either(data["events"]["patterns"]),
                     data["default"], either(data["clauses"]["boundaries"]), either(data["thresholds"]["patterns"]),
                     data["strength"], data["default_no_region"])


def kind_of(text: str) -> str:
    """done, planned, measured or mentioned, from the tying sentences' words."""
    rules = kind_rules()
    return marked_kind(text) or _unmarked(text, rules)


def _unmarked(text: str, rules: KindRules) -> str:
    """The kind of a text with no kind cue: a visit or press event is mentioned at most."""
    return _event(text, rules) or rules.default


def _event(text: str, rules: KindRules) -> str | None:
    return "mentioned" if rules.events.search(text) else None


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def marked_kind(text: str, only: tuple[str, ...] = ()) -> str | None:
    """The first kind whose cue the text holds (a figure set as a condition or target
    blanked), None when it holds none."""
    rules = kind_rules()
    text = rules.thresholds.sub(lambda m: " " * len(m.group()), text)
    event = rules.events.search(text)
    for kind, pattern in rules.kinds:
        if only and kind not in only:
            continue
        if pattern.search(text) and not (event and kind != "measured" and _only_the_event(text, pattern, rules.events)):
            return kind
    return None


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def clauses(sentence: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each clause: a sentence is cut before a relative or
    subordinate clause ("som ska arbeta med SIP", "där 52 procent ...") and at
    commas, colons and dashes."""
    cuts = [0] + [m.end() for m in kind_rules().clauses.finditer(sentence)] + [len(sentence)]
    return tuple((a, b) for a, b in zip(cuts, cuts[1:]) if b > a)


def kind_at(sentence: str, cue: int) -> str:
    """The kind a sentence gives the measure whose cue starts at `cue` (_cued_at), else `default`."""
    return _cued_at(sentence, cue) or kind_rules().default


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def _cued_at(sentence: str, cue: int) -> str | None:
    """The kind a sentence gives the measure whose cue starts at `cue`: measured
    when the sentence reports a figure or result anywhere; planned when it stands in
    what a planned clause ending in a colon lists ("föreslår utredningen bland annat
    att: ... används"); else the kind of the clause the cue stands in, else of the
    clause that governs it (the nearest before it with a cue of kind: "har inrättat
    samordnare som arbetar med SIP" is done). An indirect question ("hur primärvården
    ska stärkas") takes the kind of the clause that asks or describes it, a purpose
    ("för att korta vårdköerna", running on past a comma: _purposes) the kind of the
    clause it serves, else of the sentence's main clauses ("och tillför under 2026 ...").
    Other clauses after it speak of other things."""
    rules = kind_rules()
    if marked_kind(sentence, ("measured",)):
        return "measured"
    parts = clauses(sentence)
    here = next((i for i, (a, b) in enumerate(parts) if a <= cue < b), len(parts) - 1)
    if any(sentence[a:b].rstrip().endswith(":") and marked_kind(sentence[a:b]) == "planned" for a, b in parts[:here]):
        return "planned"  # what a proposal or remit lists after its colon ("föreslår utredningen bland annat att: ...")
    served = False  # the cue stands in a purpose: the clauses it serves, wherever they stand
    purposes = _purposes(sentence, parts)
    for i in reversed(range(here + 1)):
        a, b = parts[i]
        if INDIRECT.match(sentence, a, b) and i:
            continue  # "beskriver hur arbetet ska organiseras": what is described, the clause before says how it stands
        if purposes[i]:
            served = True
            continue
        kind = marked_kind(sentence[a:b])
        if kind:
            return kind
    return (_cued_main(sentence) if served else None) or _event(sentence, rules)


def _purposes(sentence: str, parts: tuple[tuple[int, int], ...]) -> list[bool]:
    """Which clauses (not the first) state a purpose: those opening with one, and those a comma cuts from a purpose
    before them ("för att säkerställa att professionernas tid, kunskap och engagemang används på bästa möjliga sätt")
    unless they open a clause of their own (", men att detta ska bli bättre")."""
    found: list[bool] = []
    for i, (a, b) in enumerate(parts):
        runs_on = i > 0 and found[-1] and sentence[:a].rstrip().endswith(",") and not OWN_CLAUSE.match(sentence, a, b)
        found.append(i > 0 and (bool(PURPOSE.match(sentence, a, b)) or runs_on))
    return found


def main_kind(sentence: str) -> str:
    """The kind a sentence gives without a cue of the label (_cued_main), else `default`."""
    return _cued_main(sentence) or kind_rules().default


@lru_cache(maxsize=SENTENCES_REMEMBERED)
def _cued_main(sentence: str) -> str | None:
    """The kind a sentence gives without a cue of the label (an example of a topic):
    measured for a figure anywhere, else the first kind of its main clauses (a
    relative or subordinate clause, "som ...", "där ...", speaks of something else)."""
    rules = kind_rules()
    if marked_kind(sentence, ("measured",)):
        return "measured"
    parts = clauses(sentence)
    for a, b in parts:
        if not SUBORDINATE.match(sentence, a, b):
            kind = marked_kind(sentence[a:b])
            if kind:
                return kind
    if len(parts) > 1 and RELATIVE.match(sentence, *parts[1]) and len(sentence[slice(*parts[0])].split()) <= 2:
        # "Unga som mår dåligt ska fångas upp tidigt": the relative clause holds the main verb
        return marked_kind(sentence[slice(*parts[1])]) or _event(sentence, rules)
    return _event(sentence, rules)


def read_rules_from(path: Path) -> None:
    """Read the kind cues from `path` from now on, with every kind remembered under the file before forgotten: a
    study of other cue sets (benchmarks/kinds_cv.py) swaps the file, and each memo here must go with it."""
    global KINDS_FILE
    KINDS_FILE = path
    for memo in (kind_rules, marked_kind, clauses, _cued_at, _cued_main):
        memo.cache_clear()


def strongest(kinds) -> str:
    """Of several kinds, the strongest evidence (data/evidence_kinds.toml `strength`): the one a row of them gets."""
    return min(kinds, key=kind_rules().strength.index)


def credit_kind(text: str, chosen, spans, region: str = "", regional: bool = True) -> str:
    """The kind of a credit from its tying sentences (anything with `start` and
    `end` in `text`): at the label's cues where a sentence holds them, from its
    main clauses where it ties without one; of several, the strongest evidence
    (data/evidence_kinds.toml `strength`). A plain sentence (no cue) of a credit to
    a region (or whose sentences name one) says its work is in place (`default`);
    else it tells nothing beside a sentence with a cue ("Regeringen ger Socialstyrelsen
    i uppdrag att ..." stays planned). A row with no cue in a passage that names no
    region (not `regional`) takes what the passage says of its work, the strongest kind
    of its sentences' main clauses; else it is `default_no_region`."""
    rules = kind_rules()
    about_a_region = bool(region) or any(getattr(s, "regions", ()) for s in chosen)
    found = []
    for s in chosen:
        cues = [a - s.start for a, _ in spans if s.start <= a < s.end]
        sentence = text[s.start:s.end]
        kinds = [_cued_at(sentence, c) for c in cues] if cues else [_cued_main(sentence)]
        found += [k or (rules.default if about_a_region else None) for k in kinds]
    if not any(found) and chosen and not regional:
        found = [_cued_main(text[a:b]) for a, b in sentence_spans(text)]  # what the passage says of its work
    return min((k for k in found if k), key=rules.strength.index,
               default=rules.default if about_a_region or not chosen else rules.default_no_region)


def _only_the_event(text: str, pattern: regex.Pattern, events: regex.Pattern) -> bool:
    """A visit or press event whose sentence reports no measure beside it."""
    return all(events.search(text, max(0, m.start() - 40), m.end() + 40) for m in pattern.finditer(text))
