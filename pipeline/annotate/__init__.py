"""Annotate stage: label passages with regions, goals and interventions.

`Annotator` (in annotator.py) makes the decisions; taxonomy.py, rules.py,
classifier.py, regions.py (with gazetteer.py and region_contexts.py) and attribution.py (with
subjects.py) are its parts. The package loads `Annotator` only when asked for
it, so that code needing just the taxonomy or the gazetteer (the matrices, the
reports) does not load spaCy and the model.
"""
from __future__ import annotations

from reformtrace.sources import Sources

SOURCES = Sources(  # what the labels depend on (pipeline/sources.py); the trained model is data/model/
    code=("reformtrace.annotate", "reformtrace.lexicon", "reformtrace.sentences", "reformtrace.model", "reformtrace.datafiles"),
    data=("gazetteer", "taxonomy.toml", "bodies.txt", "evidence_kinds.toml", "back_references.toml", "regions_in_general.toml", "attribution_words.toml", "tokenizer", "lexicon", "lemmas", "model"),
    libraries=("numpy", "marisa-trie", "regex"),
)

LAZY = ("Annotator", "Decision", "DEFAULT_MODEL_DIR", "DECIDE_AT")


def __getattr__(name: str):
    if name in LAZY:
        from reformtrace.annotate import annotator

        return getattr(annotator, name)
    raise AttributeError(f"module 'reformtrace.annotate' has no attribute {name!r}")
