"""spaCy: the passages as a DocBin of coded Docs, and a DocBin read back.

Each Doc is what the reformtrace component makes of the passage (doc.cats,
doc.spans["regions"] and ["cues"], the Doc extensions), with the passage's id and other
fields in doc.user_data[META]. A passage a person coded carries her coding instead:
cats 1.0 for the labels she gave and 0.0 for the rest, her region spans, her coder id
and time. Read back, a label is given at a cats score of 0.5 or more and the regions
are the Doc's `regions` with those of its region spans; spaCy is needed for both ways.
"""
from __future__ import annotations

from pathlib import Path

from reformtrace.labelling.items import Item
from reformtrace.labelling.records import Coding, LabellingError, annotation_row, checked

META = ("reformtrace", "passage")  # doc.user_data key of the passage's id, other fields, coder and time (beside the component's CODED)
GIVEN = 0.5  # a cats score at which a label is given when read back: the annotator's DECIDE_AT


def require_spacy() -> None:
    """The spacy format without the `spacy` extra: said before any passage is read or coded."""
    try:
        import spacy  # noqa: F401
    except ImportError:
        raise LabellingError("--format spacy", "needs spaCy, an optional extra: pip install 'reformtrace[spacy]'") from None


def docbin_bytes(items: list[Item]) -> bytes:
    """The DocBin of the items, serialised (with user data: the extensions and META)."""
    import spacy
    from spacy.tokens import DocBin

    from reformtrace.spacy_component import CODED, REGIONS, CUES, annotate_doc

    nlp = spacy.blank("sv")
    store = DocBin(store_user_data=True)
    labels = sorted(items[0].coded.scores) if items else []
    for item in items:
        doc = annotate_doc(nlp.make_doc(item.text), item.coded)
        meta = {"id": item.id, **item.meta}
        if item.human is not None:
            human = item.human
            doc.cats = {label: float(label in human.goals or label in human.interventions) for label in labels}
            spans = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand") for s in human.spans]
            doc.spans[REGIONS] = [span for span in spans if span is not None]
            doc.spans[CUES] = []
            doc._.goals, doc._.interventions, doc._.regions = human.goals, human.interventions, human.regions
            doc._.ocr_repairs = None
            del doc.user_data[CODED]  # a person's coding: no software credits
            meta.update(coder=human.coder, annotated_at=human.annotated_at)
        doc.user_data[META] = meta
        store.add(doc)
    return store.to_bytes()


def read_docbin(path: str | Path, coder: str | None = None) -> list[dict]:
    """Annotation rows from a DocBin, one per Doc."""
    import spacy
    from spacy.tokens import DocBin

    from reformtrace.spacy_component import REGIONS

    try:
        docs = list(DocBin().from_disk(path).get_docs(spacy.blank("sv").vocab))
    except OSError as err:
        raise LabellingError(path, f"cannot read the file ({err.strerror or err})") from None
    except ValueError as err:
        raise LabellingError(path, f"not a spaCy DocBin ({err})") from None
    rows = []
    for number, doc in enumerate(docs, 1):
        meta = {key: _plain(value) for key, value in dict(doc.user_data.get(META, {})).items()}
        passage_id = str(meta.pop("id", f"docbin:{number}"))
        where = f"doc {number} ({passage_id})"
        coding = Coding(coder=coder or str(meta.pop("coder", "")), annotated_at=str(meta.pop("annotated_at", "")))
        meta.pop("coder", None)
        for label, score in sorted(doc.cats.items()):
            if score >= GIVEN:
                (coding.goals if _dimension(label) == "goals" else coding.interventions).append(label)
        coding.regions = list(doc.user_data.get(("._.", "regions", None, None)) or [])
        coding.spans = [{"start": s.start_char, "end": s.end_char, "label": s.label_} for s in doc.spans.get(REGIONS, [])]
        try:
            rows.append(annotation_row(passage_id, meta, doc.text, checked(coding, doc.text, where)))
        except ValueError as err:
            raise LabellingError(path, str(err)) from None
    return rows


def _dimension(label: str) -> str:
    """goals or interventions; an unknown label goes to goals, where `checked` names it."""
    from reformtrace.names import label_of

    found = label_of(label)
    return found[0] if found else "goals"


def _plain(value):
    """msgpack gives tuples back: lists again, as JSON writes them."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
