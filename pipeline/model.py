"""The small data model every stage speaks.

extract -> Document (pages -> blocks); repair -> Document + Repair records;
segment -> Passage; annotate -> LabelledPassage. All records are plain
dataclasses that round-trip through dicts (JSON), so the cache, the CLI and
tests share one serialisation.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_row", "footnote")
BLOCK_SEPARATOR = "\n\n"
PAGE_SEPARATOR = "\f"


@dataclass
class Block:
    """A unit of layout: a heading, paragraph, list item, table row or footnote."""

    kind: str
    text: str
    page: int
    section: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")


@dataclass
class Page:
    number: int  # the page's index in the file, from 1
    blocks: list[Block] = field(default_factory=list)
    ocr: bool = False  # text came from Tesseract, not a text layer
    label: str = ""  # the page number printed on the page (or the PDF's page label); "" when unknown


@dataclass
class Document:
    """One report: its pages and blocks, with provenance."""

    report_id: str
    source: str  # corpus file name
    pages: list[Page] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # publisher, title, year, ... from sources.toml
    warnings: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return [b for p in self.pages for b in p.blocks]

    def text(self) -> str:
        """Plain text: blocks separated by a blank line, pages by a form feed."""
        return PAGE_SEPARATOR.join(
            BLOCK_SEPARATOR.join(b.text for b in p.blocks) for p in self.pages
        )

    def block_offsets(self) -> list[tuple[Block, int]]:
        """Each block with its start offset in `text()`."""
        out, pos = [], 0
        for i, page in enumerate(self.pages):
            if i:
                pos += len(PAGE_SEPARATOR)
            for j, block in enumerate(page.blocks):
                if j:
                    pos += len(BLOCK_SEPARATOR)
                out.append((block, pos))
                pos += len(block.text)
        return out

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        pages = [
            Page(p["number"], [Block(**b) for b in p["blocks"]], p.get("ocr", False), p.get("label", ""))
            for p in d["pages"]
        ]
        return cls(d["report_id"], d["source"], pages, d.get("meta", {}), d.get("warnings", []))


@dataclass
class Repair:
    """One word changed by the OCR repair stage; the original is never lost."""

    report_id: str
    page: int
    offset: int  # character offset in the document text (Document.text()) before repair
    original: str
    replacement: str
    score: float


@dataclass
class Passage:
    """A paragraph-level unit of evidence, traceable to report, page and span."""

    id: str
    report_id: str
    page: int
    section: list[str]
    text: str
    start: int  # span in Document.text() of the (repaired) document
    end: int
    page_label: str = ""  # the printed page number of `page`, "" when unknown

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Label:
    """One decision for one label, with its evidence (rule hits or model probability)."""

    id: str
    score: float
    evidence: list[str] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)  # [start, end] of each cue that fired, in the passage text


@dataclass
class Credit:
    """A label credited to the region it is said of ("" for none in particular),
    with the sentences that tie them and what kind of evidence they give."""

    region: str
    dimension: str  # goal | intervention
    label: str
    kind: str  # done | planned | measured | mentioned
    spans: list[list[int]] = field(default_factory=list)  # [start, end] of each tying sentence in the passage text
    how: str = ""  # why this region: "same sentence", "subject of the paragraph", "the only region", ...


@dataclass
class RegionMention:
    code: str  # two-digit county code: what the mention is credited to
    start: int  # span in the passage text
    end: int
    surface: str
    via_municipality: str | None = None  # municipality name when found through one
    # What the surface names: county, municipality, locality, hospital, healthcare_region
    # (credited to each member: one mention per code), body or area; and that thing's
    # name ("Sunderby sjukhus", "Norra sjukvårdsregionen", "Kinna"). Defaults keep older
    # cached results readable.
    kind: str = "county"
    entity: str = ""


@dataclass
class LabelledPassage:
    passage: Passage
    goals: list[Label] = field(default_factory=list)
    interventions: list[Label] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # sorted county codes
    region_mentions: list[RegionMention] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)  # each label with the region it is said of

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "LabelledPassage":
        return cls(
            Passage(**d["passage"]),
            [Label(**x) for x in d["goals"]],
            [Label(**x) for x in d["interventions"]],
            list(d["regions"]),
            [RegionMention(**m) for m in d["region_mentions"]],
            [Credit(**c) for c in d.get("credits", [])],
        )


@dataclass
class ReportResult:
    """Everything the pipeline made of one report: what `run` caches per report
    and what the matrix and report stages read."""

    report_id: str
    meta: dict  # source (file name), publisher, title, year, covers, kind
    pages: int
    passages: list[LabelledPassage] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "ReportResult":
        return cls(
            d["report_id"],
            d["meta"],
            d["pages"],
            [LabelledPassage.from_dict(p) for p in d["passages"]],
            [Repair(**r) for r in d["repairs"]],
            list(d.get("warnings", [])),
        )


@dataclass
class Problem:
    """A file that could not be processed (one row of out/errors.csv)."""

    file: str
    stage: str
    reason: str
