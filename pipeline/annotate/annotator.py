"""The annotator: label passages with regions, goals and interventions.

`Annotator` loads the taxonomy, the rule layer and the trained model once and
makes one decision per label: a score in [0, 1] (the label is given at 0.5 or
more) and its evidence, the cues that fired and the model's probability.
Without a trained model it decides by the rules alone, and says so.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import numpy as np

from reformtrace.annotate.classifier import Model
from reformtrace.annotate.rules import Analysis, Rules
from reformtrace.annotate.taxonomy import Taxonomy, load_taxonomy
from reformtrace.model import Label, LabelledPassage, Passage, RegionMention

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "model"  # inside the package: an installed reformtrace has it
# The score at which a label is given: the model's scores map each label's tuned
# threshold onto it, so 0.5 is the decision `run` and `classify` make. Callers may ask
# for another (the spaCy component's `threshold`) to trade precision for recall.
DECIDE_AT = 0.5
log = logging.getLogger("reformtrace.annotate")


@dataclass
class Decision:
    """The labels of one text: goals and interventions given, and every label's score."""

    goals: list[Label]
    interventions: list[Label]
    scores: dict[str, float]


class Annotator:
    def __init__(self, taxonomy: Taxonomy, rules: Rules, model: Model | None):
        self.taxonomy = taxonomy
        self.rules = rules
        self.model = model
        self.labels = sorted(label.id for label in taxonomy.labels)
        self.dimension = {label.id: label.dimension for label in taxonomy.labels}

    @classmethod
    def load(cls, model_dir: Path | None = None, taxonomy_path: Path | None = None) -> "Annotator":
        """Taxonomy, rules and (if trained) the model in `model_dir` (default: pipeline/data/model/)."""
        taxonomy = load_taxonomy(taxonomy_path)
        model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        model = Model.load(model_dir) if Model.exists(model_dir) else None
        if model is None:
            log.warning("no trained model in %s: labels are decided by the rules alone (run `reformtrace train`)", model_dir)
        else:
            added = [label.id for label in taxonomy.labels if label.id not in model.labels]
            if added:
                log.warning("labels not in the trained model, decided by their rules until retrained: %s", ", ".join(added))
        return cls(taxonomy, Rules(taxonomy), model)

    def memos(self) -> dict[str, dict]:
        """What the annotator has worked out per word form, by table (tokens, units,
        the model's terms, region names). An entry depends on its form and on the
        annotator's version alone, so another process or a later run with this version
        may start from them and label exactly as it would without."""
        from reformtrace.annotate.gazetteer import load_gazetteer

        tables = {"tokens": self.rules.tokenizer.memo, "units": self.rules.words.memo, "regions": load_gazetteer().memo}
        if self.model is not None:
            tables["terms"] = self.model.memo
        return tables

    def remember(self, memos: dict[str, dict], most: int) -> int:
        """Take in entries of `memos()` (this version's), until a table holds `most`;
        returns how many were new."""
        added = 0
        for name, table in self.memos().items():
            before = len(table)
            table.update(islice(memos.get(name, {}).items(), max(0, most - before)))
            added += len(table) - before
        return added

    def decide(self, texts: list[str], threshold: float = DECIDE_AT) -> list[Decision]:
        """One Decision per (clean) text: the labels scoring `threshold` or more given."""
        return list(self.decisions(texts, threshold))

    def decisions(self, texts: list[str], threshold: float = DECIDE_AT) -> Iterator[Decision]:
        """`decide`, one Decision at a time (the model scores the texts together first). Each
        text's analysis is let go once decided: a caller that uses each Decision before asking
        for the next keeps no batch of them alive for the garbage collector to walk again and again."""
        analyses = self.rules.analyse(texts)
        known = self.model.labels if self.model else []
        p = self.model.probabilities(analyses) if self.model else np.zeros((len(analyses), 0))
        scores = self.model.scores(analyses, p).round(3) if self.model else p
        for i, (s, q) in enumerate(zip(scores, p)):
            analysis, analyses[i] = analyses[i], None
            yield self._decision(analysis, dict(zip(known, s.tolist())), dict(zip(known, q.tolist())), threshold)

    def code(self, texts: list[str], threshold: float = DECIDE_AT) -> Iterator[tuple[Decision, list[RegionMention]]]:
        """Each clean text's labels and its region mentions, in order: what run and classify both
        need (one text at a time, as `decisions`)."""
        from reformtrace.annotate.regions import find_regions

        return ((decision, find_regions(text)) for text, decision in zip(texts, self.decisions(texts, threshold)))

    def annotate(self, passages: list[Passage]) -> list[LabelledPassage]:
        """Goals, interventions and regions of each passage (its text is already clean),
        each label credited to the region it is said of; a locality of several counties is
        settled by the counties its headings name, and rows of a table of regions take their
        lead's labels (tables.py), so the passages are a report's, in order."""
        from reformtrace.annotate.regions import regions_of, settle_in_headings

        from reformtrace.annotate.attribution import attribute
        from reformtrace.annotate.tables import credit_rows

        labelled = []
        for passage, (decision, mentions) in zip(passages, self.code([p.text for p in passages])):
            mentions = settle_in_headings(passage.text, passage.section, mentions)
            labelled.append(LabelledPassage(passage, decision.goals, decision.interventions, regions_of(mentions), mentions))
        for lp in labelled:
            lp.credits = attribute(lp)
        credit_rows(labelled, self.decide)
        return labelled

    def _decision(self, analysis: Analysis, scores: dict[str, float], p: dict[str, float], threshold: float = DECIDE_AT) -> Decision:
        """Every label's score, and the labels given with their evidence. Labels the model
        does not know (none without a model, or added to the taxonomy since training)
        are decided by their rules."""
        scores = {label: scores[label] if label in scores else float(label in analysis.labels) for label in self.labels}
        given: dict[str, list[Label]] = {"goals": [], "interventions": []}
        for label in self.labels:
            if scores[label] >= threshold:
                hits = [hit for hit in analysis.hits if hit.label == label]
                reasons = list(dict.fromkeys(hit.describe() for hit in hits)) + self._how(label, p)
                spans = sorted({(hit.start, hit.end) for hit in hits if not hit.negated})
                given[self.dimension[label]].append(Label(label, scores[label], reasons, [list(s) for s in spans]))
        return Decision(given["goals"], given["interventions"], scores)

    def _how(self, label: str, p: dict[str, float]) -> list[str]:
        """How a label was decided: by its rules alone, or with the model's probability."""
        if label not in p:
            return ["decided by rules (no model for this label)"]
        how = self.model.decides(label)
        if how == "rules":
            return ["decided by rules"]
        return [f"model p={p[label]:.2f}", f"decided by {how}"]
