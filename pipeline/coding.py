"""Code passages as `reformtrace classify` does, with every offset in the text as given.

`classify` cleans a raw passage (lines joined, hyphens at line ends dropped, spaces
folded, OCR damage repaired) and codes the clean text. A spaCy Doc and a labelling
tool show the text as it was given, so the label cues, region mentions, credits and
OCR repairs found in the clean text are mapped back onto it (pipeline/offsets.py).
The spaCy component and the labelling exports both code through here; the labels
and regions are classify's, passage for passage.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from reformtrace.annotate.annotator import DECIDE_AT, Annotator
from reformtrace.model import Credit, Label, LabelledPassage, Passage, RegionMention
from reformtrace.offsets import OffsetMap


@dataclass
class Coded:
    """One passage coded. `found_goals`, `found_interventions` and `found_mentions` stand
    at offsets of `clean`, the text the labels were decided on; the properties give them,
    and the credits, at offsets of `text`, the passage as given. Mapping and crediting
    are done on first use: a caller that needs only the labels pays for neither."""

    text: str
    clean: str  # == text when repair is off
    scores: dict[str, float]
    found_goals: list[Label]
    found_interventions: list[Label]
    found_mentions: list[RegionMention]
    repairs: list[dict] = field(default_factory=list)  # OCR repairs: start, end (in text), original, replacement, score

    @property
    def regions(self) -> list[str]:
        """Sorted county codes: classify's `regions`."""
        return sorted({m.code for m in self.found_mentions})

    @cached_property
    def back(self) -> OffsetMap:
        return OffsetMap(self.text, self.clean)

    @cached_property
    def goals(self) -> list[Label]:
        return [_label(label, self.back) for label in self.found_goals]

    @cached_property
    def interventions(self) -> list[Label]:
        return [_label(label, self.back) for label in self.found_interventions]

    @property
    def labels(self) -> list[Label]:
        return self.goals + self.interventions

    @cached_property
    def mentions(self) -> list[RegionMention]:
        return [_mention(mention, self.back, self.text) for mention in self.found_mentions]

    @cached_property
    def credits(self) -> list[Credit]:
        return credits_of(self.text, self.clean, self.found_goals, self.found_interventions, self.found_mentions, self.back)


def code_texts(annotator: Annotator, texts: list[str], repair: bool = True, threshold: float = DECIDE_AT) -> Iterator[Coded]:
    """Each text coded, in order; `repair` cleans it as classify does first (off: coded as it
    stands). The texts are cleaned and scored together; each Coded is made when asked for."""
    cleaned = [_cleaned(text) if repair else (text, []) for text in texts]
    decided = annotator.code([clean for clean, _ in cleaned], threshold)
    return (
        Coded(text, clean, dict(decision.scores), decision.goals, decision.interventions, mentions, repairs)
        for text, (clean, repairs), (decision, mentions) in zip(texts, cleaned, decided)
    )


def _cleaned(text: str) -> tuple[str, list[dict]]:
    """A text cleaned as classify does, and its OCR repairs at offsets of `text`."""
    from reformtrace.segment import clean_passage

    clean, unrepaired, changes = clean_passage(text)
    return clean, _repairs(text, unrepaired, changes)


def credits_of(text: str, clean: str, goals: list[Label], interventions: list[Label], mentions: list[RegionMention],
               back: OffsetMap | None = None) -> list[Credit]:
    """Each label credited to the region it is said of (annotate's attribution, on the
    clean text), with the tying sentences at offsets of `text`."""
    from reformtrace.annotate.attribution import attribute

    passage = Passage("", "", 0, [], clean, 0, len(clean))
    credits = attribute(LabelledPassage(passage, goals, interventions, sorted({m.code for m in mentions}), mentions))
    back = back or OffsetMap(text, clean)
    if back.identity:
        return credits
    return [replace(credit, spans=[list(back.span(a, b)) for a, b in credit.spans]) for credit in credits]


def _repairs(text: str, unrepaired: str, changes: list) -> list[dict]:
    """The OCR repairs, at offsets of the text as given (they were made to `unrepaired`)."""
    if not changes:
        return []
    before = OffsetMap(text, unrepaired)
    out = []
    for change in changes:
        start, end = before.span(change.start, change.end)
        out.append({"start": start, "end": end, "original": text[start:end], "replacement": change.replacement, "score": change.score})
    return out


def _label(label: Label, back: OffsetMap) -> Label:
    return label if back.identity else replace(label, spans=[list(back.span(a, b)) for a, b in label.spans])


def _mention(mention: RegionMention, back: OffsetMap, text: str) -> RegionMention:
    if back.identity:
        return mention
    start, end = back.span(mention.start, mention.end)
    return replace(mention, start=start, end=end, surface=text[start:end])
