"""reformtrace as a spaCy pipeline component.

    import spacy
    nlp = spacy.blank("sv")
    nlp.add_pipe("reformtrace")            # or add_pipe("reformtrace", config={"threshold": 0.4})
    doc = nlp("Region Jönköpings län har infört mobila team i hemsjukvården.")
    doc.cats                               # every goal and intervention with its score
    doc._.goals, doc._.interventions       # the labels given (score >= threshold), as `classify`
    doc.spans["regions"]                   # region mentions, label = county code ("06")
    doc.spans["regions"][0]._.region_kind  # what the mention names: county, municipality, locality, hospital, ...
    doc.spans["cues"]                      # the cues that decided each label, label = label id
    doc._.credits                          # each label with the region it is said of
    doc._.ocr_repairs                      # the OCR repairs made before coding (repair on)

The factory is registered through the `spacy_factories` entry point, so installing
the package (`pip install -e ".[spacy]"`) is all `add_pipe` needs. The component
reads only `doc.text`, so it sits in any Swedish pipeline; spans are snapped to the
pipeline's own tokens. With repair on (the default) the labels and regions equal
`reformtrace classify` on the same text, passage for passage (tests/test_spacy_component.py).

This module is imported whenever spaCy builds a pipeline: it loads nothing of the
annotator until a component is made.
"""
import gc
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch

NAME = "reformtrace"
REGIONS = "regions"  # doc.spans key of the region mentions
CUES = "cues"  # doc.spans key of the cues behind the labels
THRESHOLD = 0.5  # the annotator's own decision (annotator.DECIDE_AT): the labels `classify` gives
BATCH = 256  # texts coded together: the model scores a batch in one matrix product

DOC_EXTENSIONS = ("goals", "interventions", "regions", "credits", "ocr_repairs", "coded_text")
SPAN_EXTENSIONS = ("region_kind", "region_entity", "region_name")
# doc.user_data keys: the labels' cues and the mentions at offsets of doc._.coded_text, from
# which doc._.credits is worked out when first read (crediting costs a sixth of the coding,
# and a DocBin keeps these), and the credits once worked out
CODED = ("reformtrace", "coded")
CREDITS = ("reformtrace", "credits")


@Language.factory(
    NAME,
    default_config={"repair": True, "threshold": THRESHOLD, "model": None, "batch_size": BATCH},
    assigns=["doc.cats", "doc.spans"] + [f"doc._.{name}" for name in DOC_EXTENSIONS],
    default_score_weights={"cats_micro_f": 0.5, f"spans_{REGIONS}_f": 0.5, "cats_macro_f": None},
)
def make_reformtrace(nlp: Language, name: str, repair: bool, threshold: float, model: Optional[str], batch_size: int):
    """The reformtrace component.

    repair: clean each text as `reformtrace classify` does before coding it (lines
        joined, hyphens at line ends dropped, spaces folded, OCR damage to å/ä/ö
        repaired: doc._.ocr_repairs lists them). Off, the text is coded as it stands:
        for text that is clean already.
    threshold: the score at which a goal or intervention is given, in (0, 1]. 0.5 is
        the annotator's own decision, the one `classify` makes; lower gives more labels.
    model: folder of the trained classifier; null for the package's own (pipeline/data/model/).
    batch_size: texts coded together in nlp.pipe.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"reformtrace: threshold must be above 0 and at most 1, not {threshold}")
    if batch_size < 1:
        raise ValueError(f"reformtrace: batch_size must be 1 or more, not {batch_size}")
    return Reformtrace(nlp, name, repair=repair, threshold=threshold, model=model, batch_size=batch_size)


@lru_cache(maxsize=4)
def _annotator(model: Optional[str]):
    """One annotator per model folder and process, shared by the components that use it."""
    from pathlib import Path

    from reformtrace.annotate.annotator import Annotator

    if model and not Path(model).is_dir():  # as classify and export refuse it: not the rules alone without a word
        raise ValueError(f"reformtrace: model {model!r}: no such model folder (one that `reformtrace train --out` wrote)")
    return Annotator.load(Path(model) if model else None)


def register_extensions() -> None:
    """The Doc and Span attributes the component writes (each set once per process)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_credits) if name == "credits" else Doc.set_extension(name, default=None)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _credits(doc: Doc) -> Optional[list]:
    """doc._.credits: each label with the region it is said of (region "" for none in
    particular), its kind of evidence and the tying sentences' spans in doc.text."""
    if CREDITS not in doc.user_data:
        coded = doc.user_data.get(CODED)
        if coded is None:
            return None  # not coded by the component
        from reformtrace.coding import credits_of
        from reformtrace.model import Label, RegionMention

        clean = doc._.coded_text
        goals, interventions = ([Label(name, 1.0, [], [list(s) for s in spans]) for name, spans in coded[key]]
                                for key in ("goals", "interventions"))
        mentions = [RegionMention(code, start, end, clean[start:end]) for code, start, end in coded["mentions"]]
        doc.user_data[CREDITS] = [
            {"region": c.region, "dimension": c.dimension, "label": c.label, "kind": c.kind,
             "spans": [list(s) for s in c.spans], "how": c.how}
            for c in credits_of(doc.text, clean, goals, interventions, mentions)
        ]
    return doc.user_data[CREDITS]


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector held off while a batch is coded, then left as it was found.
    Coding makes no reference cycles for it to free, but its allocations set off collections that
    walk the whole heap (spaCy's, the annotator's and the kept Docs). spaCy's own serialiser, srsly,
    holds it off the same way while it unpacks (srsly's msgpack_loads, which DocBin.from_bytes calls)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Reformtrace:
    """Codes each Doc by goal, intervention and region, as `reformtrace classify` does."""

    def __init__(self, nlp: Language, name: str = NAME, *, repair: bool = True, threshold: float = THRESHOLD,
                 model: Optional[str] = None, batch_size: int = BATCH):
        register_extensions()
        self.name = name
        self.repair = repair
        self.threshold = threshold
        self.batch_size = batch_size
        self.annotator = _annotator(model)
        self.labels = list(self.annotator.labels)
        from reformtrace.names import region_names

        self.names = region_names()

    def __call__(self, doc: Doc) -> Doc:
        with collector_paused():
            return self._set(doc, next(self._code([doc.text])))

    def pipe(self, stream: Iterable[Doc], batch_size: Optional[int] = None) -> Iterator[Doc]:
        for docs in minibatch(stream, size=batch_size or self.batch_size):
            with collector_paused():  # the batch coded before its first Doc is given: held off in this code alone
                done = list(map(self._set, docs, self._code([doc.text for doc in docs])))
            yield from done

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """cats_* (goals and interventions, at the threshold) and spans_regions_* (mentions
        with their county code) against the examples' reference docs: for nlp.evaluate."""
        examples = list(examples)
        kwargs.pop("threshold", None)
        scores = Scorer.score_cats(examples, "cats", labels=self.labels, multi_label=True, threshold=self.threshold, **kwargs)
        key = f"spans_{REGIONS}"
        scores.update(Scorer.score_spans(
            examples, key, getter=lambda doc, _: list(doc.spans.get(REGIONS, [])),
            has_annotation=lambda doc: REGIONS in doc.spans, **kwargs,
        ))
        return scores

    def _code(self, texts: list[str]):
        from reformtrace.coding import code_texts

        return code_texts(self.annotator, texts, repair=self.repair, threshold=self.threshold)

    def _set(self, doc: Doc, coded) -> Doc:
        return _write(doc, coded, self.repair, self.names)


def annotate_doc(doc: Doc, coded, repair: bool = True) -> Doc:
    """Write a passage's coding (reformtrace.coding.Coded, offsets of doc.text) onto its Doc."""
    from reformtrace.names import region_names

    register_extensions()
    return _write(doc, coded, repair, region_names())


def _write(doc: Doc, coded, repair: bool, names: dict[str, str]) -> Doc:
    """annotate_doc, the extensions registered and the region names at hand (the component's, once)."""
    doc.cats = dict(coded.scores)
    regions = []
    for mention in coded.mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.code, alignment_mode="expand")
        if span is not None:
            ext = span._
            ext.region_kind = mention.kind
            ext.region_entity = mention.entity or mention.surface
            ext.region_name = names.get(mention.code, mention.code)
            regions.append(span)
    doc.spans[REGIONS] = regions
    cues = []
    for label in coded.labels:
        for start, end in label.spans:
            span = doc.char_span(start, end, label=label.id, alignment_mode="expand")
            if span is not None:
                cues.append(span)
    doc.spans[CUES] = sorted(cues, key=lambda s: (s.start, s.end, s.label_))
    ext = doc._  # one accessor for the six attributes (each `doc._` makes a new one)
    ext.goals = [label.id for label in coded.goals]
    ext.interventions = [label.id for label in coded.interventions]
    ext.regions = coded.regions
    # tuples, not lists: the collector stops tracking a tuple of strings and numbers, so a
    # kept Doc costs later collections less (a DocBin writes both as arrays)
    doc.user_data[CODED] = {
        "goals": tuple((label.id, tuple(map(tuple, label.spans))) for label in coded.found_goals),
        "interventions": tuple((label.id, tuple(map(tuple, label.spans))) for label in coded.found_interventions),
        "mentions": tuple((m.code, m.start, m.end) for m in coded.found_mentions),
    }
    doc.user_data.pop(CREDITS, None)
    ext.ocr_repairs = coded.repairs if repair else None
    ext.coded_text = coded.clean
    return doc
