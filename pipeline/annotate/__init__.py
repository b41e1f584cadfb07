"""Annotate stage: label passages with regions, goals and interventions.

`Annotator` loads the taxonomy, the rule layer and the trained model once and
makes one decision per label: a score in [0, 1] (the label is given at 0.5 or
more) and its evidence, the cues that fired and the model's probability.
Without a trained model it decides by the rules alone, and says so.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.annotate.classifier import Model
from pipeline.annotate.rules import Analysis, Rules
from pipeline.annotate.taxonomy import Taxonomy, load_taxonomy
from pipeline.model import Label, LabelledPassage, Passage

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
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
        self.labels = [label.id for label in taxonomy.labels]

    @classmethod
    def load(cls, model_dir: Path | None = None, taxonomy_path: Path | None = None) -> "Annotator":
        """Taxonomy, rules and (if trained) the model in `model_dir` (default: models/)."""
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

    def decide(self, texts: list[str]) -> list[Decision]:
        """One Decision per (clean) text."""
        analyses = self.rules.analyse(texts)
        if self.model is None:
            return [self._decision(a, {}, {}) for a in analyses]
        p = self.model.probabilities(analyses)
        scores = self.model.scores(analyses, p)
        labels = self.model.labels
        return [self._decision(a, dict(zip(labels, s)), dict(zip(labels, q))) for a, s, q in zip(analyses, scores, p)]

    def annotate(self, passages: list[Passage]) -> list[LabelledPassage]:
        """Goals, interventions and regions of each passage (its text is already clean)."""
        from pipeline.annotate.regions import find_regions, regions_of

        out = []
        for passage, decision in zip(passages, self.decide([p.text for p in passages])):
            mentions = find_regions(passage.text)
            out.append(LabelledPassage(passage, decision.goals, decision.interventions, regions_of(mentions), mentions))
        return out

    def _decision(self, analysis: Analysis, scores: dict[str, float], p: dict[str, float]) -> Decision:
        """Every label's score, and the labels given with their evidence. Labels the model
        does not know (none without a model, or added to the taxonomy since training)
        are decided by their rules."""
        evidence: dict[str, list[str]] = {}
        for hit in analysis.hits:
            evidence.setdefault(hit.label, []).append(hit.describe())
        plain = analysis.labels()
        out: dict[str, float] = {}
        given: dict[str, list[Label]] = {"goals": [], "interventions": []}
        for label in self.labels:
            reasons = list(evidence.get(label, []))
            if label in scores:
                out[label] = round(float(scores[label]), 3)
                mode = self.model.modes[label]
                if mode != "rules":
                    reasons.append(f"model p={p[label]:.2f} (threshold {self.model.thresholds[label]:.2f})")
                if mode != "model":
                    reasons.append(f"decided by {'rules' if mode == 'rules' else 'rules or model'}")
            else:
                out[label] = 1.0 if label in plain else 0.0
                reasons.append("decided by rules (no model for this label)")
            if out[label] >= 0.5:
                given[self.taxonomy.dimension_of(label)].append(Label(label, out[label], reasons))
        by_id = lambda label: label.id  # noqa: E731
        return Decision(sorted(given["goals"], key=by_id), sorted(given["interventions"], key=by_id), out)
