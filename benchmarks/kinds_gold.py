"""Every kind-of-evidence judgement that may be read, pooled: one example per label (and region) a reader gave a kind.

Sources (annotations/kinds/README.md, annotations/attribution/README.md): the first kind round whole (kinds-study and
kinds-check, which may now be read), the second round's study side only (kinds2-check is held out and left out
here, before anything is read), the attribution tune and tune2 credits that name a region, and the judged rows of
the bundled reports whose passages are on the attribution tune side, where the judge called the label right (the
kind the row had when right, else the one kind the judge's reason names instead). Each example is annotated as
`run` does and carries the arguments the software's kind was read from (kinds.credit_kind), so that other ways of
deciding the kind can be compared on the same credits (kinds_cv.py).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from reformtrace.annotate.evidence_eval import BUNDLED, kinds2_study, read

KINDS = ("measured", "done", "planned", "mentioned")
JUDGED = ("judged", "judged2", "judged3", "judged4", "judged5")


@dataclass
class Example:
    """A passage, the label (and region: None for a round of labels by passage) and the kind a reader gave it."""

    set: str  # kinds, kinds2-study, attribution, judged
    pid: str
    text: str
    label: str
    region: str | None
    gold: str
    clean: str = ""  # the text as annotated (cleaned as `run` cleans it)
    calls: list = field(default_factory=list)  # per credit: (chosen sentences, cue spans, region, regional, the rules' kind),
    # or (None, None, region, None, kind) for a kind given without reading (a heading's topic)

    @property
    def document(self) -> str:
        return self.pid.split(":")[0]

    @property
    def genre(self) -> str:
        """The kind of document: a bundled report, a text export, or the g0vse section its file name begins with."""
        if self.document.startswith(BUNDLED):
            return "bundled report"
        return self.document.split("_")[0] if "_" in self.document else "other"


def _attribution_tune(pid: str) -> bool:
    """A bundled passage on the attribution gold's tune side: annotations/attribution/draw.py's hashed_split."""
    return int(hashlib.sha256(pid.encode()).hexdigest()[:8], 16) % 10 >= 5


def _judged_kind(given: str, why: str) -> str | None:
    """The kind a judge's reason names instead of the row's, where it names exactly one."""
    named = {k for k in KINDS if k in why.lower()} - {given}
    return named.pop() if len(named) == 1 else None


def pooled(annotations: Path) -> list[Example]:
    """Every readable kind judgement as an Example (no software output yet)."""
    out: list[Example] = []
    kinds = annotations / "kinds"
    texts = {r["id"]: r["text"] for r in read(kinds / "pool.jsonl")}
    for r in read(kinds / "tune.jsonl"):
        out += [Example("kinds", r["id"], texts[r["id"]], label, None, kind) for label, kind in sorted(r["kinds"].items())]
    study = {r["id"]: r["text"] for r in read(kinds / "pool2.jsonl") if kinds2_study(r["id"])}  # check side never kept
    for r in read(kinds / "round2" / "a.jsonl"):
        if r["id"] in study:
            out += [Example("kinds2-study", r["id"], study[r["id"]], label, None, kind) for label, kind in sorted(r["kinds"].items())]
    for name in ("tune.jsonl", "tune2.jsonl"):
        for r in read(annotations / "attribution" / name):
            out += [Example("attribution", r["id"], r["text"], c["label"], c["region"], c["kind"]) for c in r["credits"] if c["region"]]
    for name in JUDGED:
        folder = annotations / "attribution" / name
        keys = {k["row"]: k for k in read(folder / "key.jsonl")}
        rows = {k["row"]: k for k in read(folder / "rows.jsonl")}
        for v in read(folder / "verdicts.jsonl"):
            key, row = keys[v["row"]], rows[v["row"]]
            if key["source"] != "bundled" or not _attribution_tune(key["passage_id"]) or not v["label_right"]:
                continue
            kind = row["kind"] if v["kind_right"] else _judged_kind(row["kind"], v.get("why", ""))
            if kind:
                out.append(Example("judged", key["passage_id"], row["passage"], row["label"], row["region"].split()[0], kind))
    return out


def annotate(examples: list[Example]) -> list[Example]:
    """Each example's passage annotated as `run` does, alone; the credits of its label (and region) with the arguments
    their kind was read from. Examples whose label (region) the software does not credit are left out."""
    from reformtrace.annotate import attribution, tables
    from reformtrace.annotate.evidence_eval import predict

    calls: list = []
    real = attribution.credit_kind

    def recording(text, chosen, spans, region="", regional=True):
        kind = _Recorded(real(text, chosen, spans, region, regional))
        kind.call = (tuple(chosen), tuple(tuple(s) for s in spans), region, regional, str(kind))
        calls.append(kind)
        return kind

    texts = sorted({e.text for e in examples})
    attribution.credit_kind = tables.credit_kind = recording
    try:
        labelled = dict(zip(texts, predict(texts)))
    finally:
        attribution.credit_kind = tables.credit_kind = real
    kept = []
    for e in examples:
        lp = labelled[e.text]
        e.clean = lp.passage.text
        e.calls = [getattr(c.kind, "call", None) or (None, None, c.region, None, str(c.kind)) for c in lp.credits
                   if c.label == e.label and (e.region is None or c.region == e.region)]
        if e.calls:
            kept.append(e)
    return kept


class _Recorded(str):
    """A kind that remembers the arguments it was read from."""

    call: tuple = ()
