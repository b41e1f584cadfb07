"""The label scheme (goals and interventions) as data: load pipeline/data/taxonomy.toml
and check it, so that a researcher's edit that breaks it is named precisely
(file, entry, field) instead of failing somewhere deep in matching or training."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "taxonomy.toml"
DIMENSIONS = ("goals", "interventions")
LABEL_ID = regex.compile(r"^[a-z][a-z0-9_]*$")
LABEL_KEYS = {"id", "name", "name_en", "definition", "cues", "weak_cues", "context", "exclude", "implies", "own_cues", "elsewhere", "unrelated", "loose_cues", "topic", "implied_topic", "care_cues", "weak_care"}
MATCHING_KEYS = {"negations", "negation_window", "clause_negations", "care", "not_care", "source_heads"}


class TaxonomyError(ValueError):
    """A broken taxonomy file: the message names the file, the entry and what is wrong."""


@dataclass(frozen=True)
class LabelDef:
    id: str
    dimension: str  # "goals" or "interventions"
    name: str
    definition: str
    cues: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()  # goals that a cue of this intervention is also evidence for
    weak_cues: tuple[str, ...] = ()  # evidence only in a passage that also has a `context` phrase
    context: tuple[str, ...] = ()
    own_cues: tuple[str, ...] = ()  # (interventions) evidence for the label but not for the goals it implies
    elsewhere: tuple[str, ...] = ()  # (goals) another part of care: without a `context` phrase, no implied evidence
    unrelated: tuple[str, ...] = ()  # another topic or a neighbouring field: a cue in a sentence with one is no evidence
    loose_cues: tuple[str, ...] = ()  # evidence only in a passage that names one of the `topic` phrases
    topic: tuple[str, ...] = ()
    implied_topic: tuple[str, ...] = ()  # (goals) one intervention cue implies the goal only in a passage naming one
    name_en: str = ""  # the English name; the Swedish where none is given
    care_cues: tuple[str, ...] = ()  # evidence only in a passage on care (naming a [matching] `care` phrase)
    weak_care: bool = False  # its weak cues too only in a passage on care ("effektiv" beside "resurser": any agency's)


@dataclass(frozen=True)
class Taxonomy:
    labels: tuple[LabelDef, ...]  # goals first, then interventions, in file order
    negations: tuple[str, ...]
    negation_window: int
    source: str
    clause_negations: tuple[str, ...] = ()  # negate only the word right after them
    care: tuple[str, ...] = ()  # phrases that show a passage is on health or social care: where care_cues count
    source_heads: tuple[str, ...] = ()  # heads of compounds that name a source or a body: a cue before one is no evidence
    not_care: tuple[str, ...] = ()  # words that hold a `care` part but show no care ("regional": any field's)

    def ids(self, dimension: str) -> list[str]:
        return [label.id for label in self.labels if label.dimension == dimension]

    def dimension_of(self, label_id: str) -> str:
        return next(label.dimension for label in self.labels if label.id == label_id)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and check a taxonomy file (the package's own when `path` is None)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    return _load(str(path.resolve()))


@lru_cache(maxsize=4)
def _load(path: str) -> Taxonomy:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: no such taxonomy file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise TaxonomyError(f"{path}: not valid TOML: {err}") from None
    unknown = set(data) - set(DIMENSIONS) - {"matching"}
    if unknown:
        raise TaxonomyError(f"{path}: unknown section(s) {sorted(unknown)}; expected goals, interventions, matching")
    labels: list[LabelDef] = []
    seen: dict[str, str] = {}
    for dimension in DIMENSIONS:
        entries = data.get(dimension)
        if not isinstance(entries, list) or not entries:
            raise TaxonomyError(f"{path}: needs at least one [[{dimension}]] entry")
        for number, entry in enumerate(entries, 1):
            label = _label(entry, dimension, f"{path}: [[{dimension}]] entry {number}")
            if label.id in seen:
                raise TaxonomyError(f"{path}: label id {label.id!r} is used twice ({seen[label.id]} and {dimension})")
            seen[label.id] = dimension
            labels.append(label)
    goals = {label.id for label in labels if label.dimension == "goals"}
    for label in labels:
        unknown = [goal for goal in label.implies if goal not in goals]
        if unknown:
            raise TaxonomyError(f"{path}: [[interventions]] {label.id!r}: 'implies' names unknown goal(s) {unknown}")
    matching = data.get("matching", {})
    negations, window, clause_negations = _matching(matching, f"{path}: [matching]")
    care = _phrases(matching.get("care", []), "care", f"{path}: [matching]")
    if not care and any(label.care_cues for label in labels):
        raise TaxonomyError(f"{path}: [matching] needs 'care' phrases where a label has 'care_cues'")
    source_heads = _phrases(matching.get("source_heads", []), "source_heads", f"{path}: [matching]")
    not_care = _phrases(matching.get("not_care", []), "not_care", f"{path}: [matching]")
    return Taxonomy(tuple(labels), negations, window, path, clause_negations, care, source_heads, not_care)


def _label(entry: object, dimension: str, where: str) -> LabelDef:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: must be a table with id, name, definition, cues")
    if isinstance(entry.get("id"), str):
        where = f"{where} ({entry['id']!r})"
    unknown = set(entry) - LABEL_KEYS
    if unknown:
        raise TaxonomyError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(LABEL_KEYS)}")
    for key in ("id", "name", "definition"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise TaxonomyError(f"{where}: field {key!r} must be a non-empty string")
    if not LABEL_ID.match(entry["id"]):
        raise TaxonomyError(f"{where}: id must be lower-case ASCII letters, digits and _ (starting with a letter)")
    cues = _phrases(entry.get("cues"), "cues", where)
    if not cues:
        raise TaxonomyError(f"{where}: field 'cues' must list at least one word or phrase")
    exclude = _phrases(entry.get("exclude", []), "exclude", where)
    implies = entry.get("implies", [])
    if not isinstance(implies, list) or not all(isinstance(i, str) for i in implies):
        raise TaxonomyError(f"{where}: field 'implies' must be a list of goal ids")
    if implies and dimension != "interventions":
        raise TaxonomyError(f"{where}: only interventions can imply goals")
    weak, context = _paired(entry, "weak_cues", "context", where, "weak cues count only beside a context phrase")
    own = _phrases(entry.get("own_cues", []), "own_cues", where)
    if own and dimension != "interventions":
        raise TaxonomyError(f"{where}: only interventions have 'own_cues' (cues that imply no goal)")
    elsewhere = _phrases(entry.get("elsewhere", []), "elsewhere", where)
    if elsewhere and (dimension != "goals" or not context):
        raise TaxonomyError(f"{where}: only goals with 'context' have 'elsewhere' (it holds where no context phrase is)")
    unrelated = _phrases(entry.get("unrelated", []), "unrelated", where)
    loose, topic = _paired(entry, "loose_cues", "topic", where, "a loose cue counts only in a passage naming a topic phrase")
    implied_topic = _phrases(entry.get("implied_topic", []), "implied_topic", where)
    care_cues = _phrases(entry.get("care_cues", []), "care_cues", where)
    weak_care = entry.get("weak_care", False)
    if not isinstance(weak_care, bool) or (weak_care and not weak):
        raise TaxonomyError(f"{where}: field 'weak_care' must be true or false, and true only beside 'weak_cues'")
    if implied_topic and dimension != "goals":
        raise TaxonomyError(f"{where}: only goals have 'implied_topic' (where the interventions' cues imply them)")
    name, definition = entry["name"].strip(), entry["definition"].strip()
    name_en = entry.get("name_en", name)
    if not isinstance(name_en, str) or not name_en.strip():
        raise TaxonomyError(f"{where}: field 'name_en' must be a non-empty string")
    return LabelDef(entry["id"], dimension, name, definition, cues, exclude, tuple(implies), weak, context, own, elsewhere, unrelated, loose, topic, implied_topic,
                    name_en.strip(), care_cues, weak_care)


def _paired(entry: dict, first: str, second: str, where: str, why: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two fields of phrases that are given together or not at all (cues and what they need)."""
    one, two = _phrases(entry.get(first, []), first, where), _phrases(entry.get(second, []), second, where)
    if bool(one) != bool(two):
        raise TaxonomyError(f"{where}: '{first}' and '{second}' go together ({why})")
    return one, two


def _phrases(value: object, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: field {key!r} must be a list of strings")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not regex.search(r"[\p{L}\p{N}]", item):
            raise TaxonomyError(f"{where}: {key} entry {item!r} is not a word or phrase")
        phrase = " ".join(item.split())
        if phrase not in out:  # a repeated cue is harmless: keep the first
            out.append(phrase)
    return tuple(out)


def _matching(section: object, where: str) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    if not isinstance(section, dict):
        raise TaxonomyError(f"{where}: must be a table")
    unknown = set(section) - MATCHING_KEYS
    if unknown:
        raise TaxonomyError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(MATCHING_KEYS)}")
    negations = _phrases(section.get("negations", []), "negations", where)
    clause_negations = _phrases(section.get("clause_negations", []), "clause_negations", where)
    if any(" " in word for word in negations + clause_negations):
        raise TaxonomyError(f"{where}: negations must be single words")
    both = sorted({w.lower() for w in negations} & {w.lower() for w in clause_negations})
    if both:
        raise TaxonomyError(f"{where}: {both} in both negations and clause_negations; a word reaches one way only")
    window = section.get("negation_window", 2)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 10:
        raise TaxonomyError(f"{where}: negation_window must be a whole number from 0 to 10")
    return tuple(word.lower() for word in negations), window, tuple(word.lower() for word in clause_negations)
