"""Segmentation: a Document's blocks -> paragraph-level Passages.

A passage is what an evaluator codes: one paragraph, with the list items that
its lead-in introduces, or one table row (an appendix row names its region).
Headings become the section path; footnotes, reference lists and tables of
contents give no passages.
"""
from __future__ import annotations

import math

import regex

from reformtrace.extract import is_word
from reformtrace.extract.layout import SENTENCE_END, SUSPENSION_WORDS, WORD, hyphen_end, join_lines, split_check
from reformtrace.extract.normalize import normalize
from reformtrace.model import Block, Document, Passage
from reformtrace.sentences import sentence_spans
from reformtrace.sources import Sources

REFERENCE_SECTIONS = regex.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:referenser|källor|källförteckning|referenslista|litteratur(?:förteckning)?|"
    r"bilaga\s*\d*\s*:?\s*referenser|innehåll(?:sförteckning)?)\b",
    regex.I,
)
BLANK_LINE = regex.compile(r"\n\s*\n")
SPACES = regex.compile(r"[ \t]+")
MIN_WORDS = 4
SOURCES = Sources(  # what the passages depend on (pipeline/sources.py)
    code=("reformtrace.segment", "reformtrace.extract", "reformtrace.lexicon", "reformtrace.sentences", "reformtrace.model", "reformtrace.errors"),
    data=("lexicon", "tokenizer"),
    libraries=("regex", "ftfy", "marisa-trie"),
)
MAX_LIST_PASSAGE = 1500  # characters: a long run of bullets is split into several passages
# words: a quote longer than this is hard to read and gathers labels from several topics,
# so a longer paragraph is cut at sentence ends into parts of about equal length.
MAX_PASSAGE_WORDS = 150


def _in_reference_section(block: Block) -> bool:
    return any(REFERENCE_SECTIONS.match(title) for title in block.section)


def _is_substantive(blocks: list[tuple[Block, int]], text: str) -> bool:
    """Enough words to be evidence; a table row needs only its label (it names its region)."""
    return len(WORD.findall(text)) >= (1 if blocks[0][0].kind == "table_row" else MIN_WORDS)


def segment(doc: Document) -> list[Passage]:
    """Group a document's blocks into passages with report, page, section and span."""
    groups: list[list[tuple[Block, int]]] = []
    for block, start in doc.block_offsets():
        if block.kind in ("heading", "footnote") or _in_reference_section(block):
            continue
        previous = groups[-1] if groups else None
        if block.kind == "list_item" and previous and _takes_list_item(previous, block):
            previous.append((block, start))
        elif previous and _goes_on(previous[-1][0], block):
            previous.append((block, start))
        else:
            groups.append([(block, start)])
    labels = {page.number: page.label for page in doc.pages}
    passages = []
    for blocks in groups:
        text = _joined([b.text for b, _ in blocks])
        if not _is_substantive(blocks, text):
            continue
        first, start = blocks[0]
        last, last_start = blocks[-1]
        parts = [(0, len(text))] if len(blocks) > 1 else _parts(text)
        for a, b in parts:
            passages.append(
                Passage(
                    id=f"{doc.report_id}:{len(passages) + 1:04d}",
                    report_id=doc.report_id,
                    page=first.page,
                    section=list(first.section),
                    text=text[a:b],
                    start=start + a,
                    end=start + b if len(parts) > 1 else last_start + len(last.text),
                    page_label=labels.get(first.page, ""),
                )
            )
    return passages


def _parts(text: str) -> list[tuple[int, int]]:
    """A paragraph's spans cut at sentence ends into parts of at most about
    MAX_PASSAGE_WORDS words, of about equal length (one long sentence stays whole)."""
    total = len(text.split())
    if total <= MAX_PASSAGE_WORDS:
        return [(0, len(text))]
    spans = sentence_spans(text)
    target = total / math.ceil(total / MAX_PASSAGE_WORDS)
    parts: list[tuple[int, int]] = []
    start, words = spans[0][0], 0
    for a, b in spans:
        size = len(text[a:b].split())
        if words and (words + size > MAX_PASSAGE_WORDS or words + size / 2 > target):
            parts.append((start, end))
            start, words = a, 0
        words += size
        end = b
    parts.append((start, end))
    # A scrap (a chart's unit, a stray label) joins the part before it.
    merged = [parts[0]]
    for a, b in parts[1:]:
        if len(text[a:b].split()) < MIN_WORDS or len(text[slice(*merged[-1])].split()) < MIN_WORDS:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _goes_on(before: Block, block: Block) -> bool:
    """A paragraph cut by a page break goes on in the first paragraph of the next page:
    the one before ends without a stop and this one opens in lower case."""
    return (
        before.kind == block.kind == "paragraph" and block.page == before.page + 1
        and not SENTENCE_END.search(before.text) and block.text[:1].islower()
    )


def _joined(texts: list[str]) -> str:
    """Blocks' texts as one passage: a line each, a word hyphenated over a page break joined."""
    out = texts[0]
    for text in texts[1:]:
        head = hyphen_end(out)
        if head and not head[1].isupper() and text.split(" ", 1)[0] not in SUSPENSION_WORDS:
            out = out[:-1] + text
        else:
            out += "\n" + text
    return out


def _takes_list_item(group: list[tuple[Block, int]], item: Block) -> bool:
    """A list item belongs to the paragraph that introduces it, and to its siblings."""
    head = group[0][0]
    size = sum(len(b.text) for b, _ in group) + len(item.text)
    if head.section != item.section or size > MAX_LIST_PASSAGE:
        return False
    return head.kind == "list_item" or (head.kind == "paragraph" and head.text.rstrip().endswith(":"))


def clean_passage_text(text: str) -> str:
    """Raw passage text (line breaks, end-of-line hyphens, maybe OCR damage) -> the
    text `run` would produce: normalised, hyphenation joined, whitespace folded,
    OCR damage repaired."""
    return clean_passage(text)[0]


def clean_passage(text: str) -> tuple[str, str, list]:
    """`clean_passage_text`, with the steps kept apart for tools that map offsets back
    to the raw text: the clean text, the text before OCR repair, and the repairs
    (reformtrace.repair.Change, offsets into the text before repair)."""
    from reformtrace.repair import damage_signals, repair_text

    paragraphs = [p.split("\n") for p in BLANK_LINE.split(normalize(text)) if p.strip()]
    is_split = split_check([line for p in paragraphs for line in p], is_word)
    joined = "\n".join(join_lines(p, is_split) for p in paragraphs)
    if "  " in joined or "\t" in joined:  # most texts have no run of spaces to fold: no pass over them
        joined = SPACES.sub(" ", joined)
    joined = joined.strip()
    if damage_signals(joined).damaged_passage:
        repaired, changes = repair_text(joined)
        return repaired, joined, changes
    return joined, joined, []
