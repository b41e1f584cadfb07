"""Repair a Document page by page: only pages that read as damaged change."""
from __future__ import annotations

from dataclasses import replace

from reformtrace.lexicon import load as load_lexicon
from reformtrace.model import BLOCK_SEPARATOR, PAGE_SEPARATOR, Block, Document, Page, Repair
from reformtrace.repair.detect import damage_signals
from reformtrace.repair.printed import apply, mend_printed
from reformtrace.repair.text import Change, repair_text


def damaged_pages(pages: list[str]) -> list[bool]:
    """Per page text: damaged? Each page is judged on its own words, for scanned
    pages can sit beside born-digital ones; a page with no evidence either way
    (numbers, a name) takes the verdict of the whole."""
    signals = [damage_signals(page) for page in pages]
    if all(s.decided for s in signals):
        return [s.damaged for s in signals]
    whole = damage_signals("\n".join(pages)).damaged
    return [s.damaged if s.decided else whole for s in signals]


def repair_document(doc: Document) -> tuple[Document, list[Repair]]:
    """The document with its damaged pages repaired, and one Repair per changed word.

    Offsets are into `doc.text()` before repair; a clean document comes back
    as it is, with no records, but for the defects its PDF prints (printed.py).
    Section paths follow their repaired headings.
    """
    flags = damaged_pages([BLOCK_SEPARATOR.join(b.text for b in p.blocks) for p in doc.pages])
    if not any(flags):
        return mend_document(doc)
    offsets = {id(b): off for b, off in doc.block_offsets()}
    pages, records = [], []
    for page, damaged in zip(doc.pages, flags):
        if not damaged:
            pages.append(page)
            continue
        blocks = []
        for block in page.blocks:
            text, changes = repair_text(block.text)
            blocks.append(Block(block.kind, text, block.page, list(block.section)))
            records += [
                Repair(doc.report_id, block.page, offsets[id(block)] + c.start, c.original, c.replacement, c.score)
                for c in changes
            ]
        pages.append(Page(page.number, blocks, page.ocr, page.label))
    # Section paths of a damaged document, wherever they stand: the headings they quote were damaged too.
    titles = {t: repair_text(t)[0] for t in sorted({t for p in pages for b in p.blocks for t in b.section})}
    pages = [replace(p, blocks=[replace(b, section=[titles[t] for t in b.section]) for b in p.blocks]) for p in pages]
    return replace(doc, pages=pages), records


def mend_document(doc: Document) -> tuple[Document, list[Repair]]:
    """A clean document with what its PDF prints broken mended, one Repair per mend."""
    blocks = [b for p in doc.pages for b in p.blocks]
    mends = mend_printed([b.text for b in blocks], load_lexicon())
    if not any(mends):
        return doc, []
    offsets = {id(b): off for b, off in doc.block_offsets()}
    changed = {id(b): changes for b, changes in zip(blocks, mends) if changes}
    records = [
        Repair(doc.report_id, b.page, offsets[id(b)] + c.start, c.original, c.replacement, c.score)
        for b in blocks for c in changed.get(id(b), [])
    ]
    pages = [replace(p, blocks=[replace(b, text=apply(b.text, changed[id(b)])) if id(b) in changed else b for b in p.blocks])
             for p in doc.pages]
    return replace(doc, pages=pages), records


def repair_pages(text: str, force: bool = False) -> tuple[str, list[tuple[int, int, Change]]]:
    """Repair the damaged pages (split at form feeds) of a plain text.

    Returns the new text and (page number, page start offset, Change) per change.
    """
    pages = text.split(PAGE_SEPARATOR)
    flags = [True] * len(pages) if force else damaged_pages(pages)
    out, changes, start = [], [], 0
    for number, (page, damaged) in enumerate(zip(pages, flags), 1):
        if damaged:
            page, page_changes = repair_text(page)
            changes += [(number, start, c) for c in page_changes]
        out.append(page)
        start += len(pages[number - 1]) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(out), changes
