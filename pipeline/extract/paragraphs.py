"""A page's ordered blocks -> paragraphs with what the layout says they are.

Headings by their font (larger than the body's, or bold or italic all
through, short, not ending a sentence); footnotes by their place and font
(below the body text, smaller, starting with their number), one per note;
table rows from the tables; paragraphs within a block at a bullet, an
indent, an outdent or a bold line; a paragraph cut by a column break joined.
"""
from __future__ import annotations

from collections import Counter

import regex

from reformtrace.extract.glyphs import Line
from reformtrace.extract.layout import BULLET, SENTENCE_END, hyphen_end, suspends
from reformtrace.extract.reading import Block

# A block of at most HEADING_LINES lines and HEADING_CHARS characters, not ending a
# sentence, is a heading when its font is HEADING_SIZE times the body's, or when it is
# bold or italic all through and at least STYLED_SIZE of the body's.
HEADING_LINES = 3
HEADING_CHARS = 160
HEADING_SIZE = 1.12
STYLED_SIZE = 0.9
# A heading LEVEL_SIZES[0] times the body's font or more is of level 1, LEVEL_SIZES[1]
# times of level 2; smaller (bold or italic in the body's font) of level 3.
LEVEL_SIZES = (1.6, 1.2)
FOOTNOTE_SIZE = 0.92  # footnotes are in a font smaller than this share of the body's
FOOTNOTE_NUMBER = regex.compile(r"^\d{1,3}\s+\S")
HEADING_BULLET = regex.compile(r"^[▪■●•◆►]\s+")  # a heading's ornament, not part of its title
# A line indented INDENT font sizes (after a line ending SHORT_LINE font sizes short of the
# block's right edge, or ending a sentence) starts a paragraph.
INDENT = 0.8
SHORT_LINE = 2.0
ITEM_ALIGN = 0.5  # a line starting this close (font sizes) to a bulleted item's text goes on with it
# A block starting no lower than this (font sizes) below the top of the block before starts a
# new column (two columns under a heading that spans them start on one baseline).
TOP_ALIGN = 0.5


def body_size(pages: list[list[Block]]) -> float:
    """The document's body text size: the font size most of its characters have."""
    sizes: Counter[float] = Counter()
    for blocks in pages:
        for block in blocks:
            for line in block.lines:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def paragraphs(blocks: list[Block], body: float) -> list[tuple[str, list[str]]]:
    """A page's blocks as paragraphs of text lines, each with what the layout
    says it is: "table_row", "heading:N" (larger, bold or italic short lines,
    without a leading bullet; N the level by the font), "footnote" (small text below the page's body text,
    starting with its number) or "text"."""
    body_bottom = max((b.y1 for b in blocks if b.size >= FOOTNOTE_SIZE * body), default=0.0)
    out: list[tuple[str, list[str]]] = []
    previous: Block | None = None  # the block of the last paragraph of text
    for block in blocks:
        if block.rows is not None:
            out += [("table_row", [" | ".join(cells)]) for cells in block.rows]
        elif block.y0 >= body_bottom and block.size < FOOTNOTE_SIZE * body and FOOTNOTE_NUMBER.match(block.lines[0].text):
            out += [("footnote", para) for para in _footnotes(block)]
        else:
            for k, lines in enumerate(_split(block)):
                if _is_heading(lines, body):
                    title = [HEADING_BULLET.sub("", lines[0].text)] + [line.text for line in lines[1:]]
                    out.append((f"heading:{_level(lines, body)}", title))
                elif k == 0 and previous is not None and out[-1][0] == "text" and _goes_on(previous, block, out[-1][1]):
                    out[-1][1].extend(line.text for line in lines)
                else:
                    out.append(("text", [line.text for line in lines]))
            previous = block
    return out


def _goes_on(previous: Block, block: Block, text: list[str]) -> bool:
    """A paragraph cut by a column break: the block starts higher up (or level
    with it), in lower case, after a paragraph that ended mid-sentence."""
    return (block.y0 < previous.y0 + TOP_ALIGN * block.size and block.lines[0].text[:1].islower()
            and not SENTENCE_END.search(text[-1]))


def _is_heading(lines: list[Line], body: float) -> bool:
    text = " ".join(line.text for line in lines)
    if len(lines) > HEADING_LINES or len(text) > HEADING_CHARS or text.rstrip()[-1:] in ".!?;" or not any(ch.isalpha() for ch in text):
        return False
    size = sorted(line.size for line in lines)[len(lines) // 2]
    styled = all(line.bold for line in lines) or all(line.italic for line in lines)
    return size >= HEADING_SIZE * body or (styled and size >= STYLED_SIZE * body)


def _level(lines: list[Line], body: float) -> int:
    """A heading's level by its font: a chapter's title, a section's, a bold or italic line."""
    size = sorted(line.size for line in lines)[len(lines) // 2]
    return next((level for level, least in enumerate(LEVEL_SIZES, start=1) if size >= least * body), len(LEVEL_SIZES) + 1)


def _footnotes(block: Block) -> list[list[str]]:
    """A block of footnotes cut at each line that starts with a note's number."""
    notes: list[list[str]] = []
    for line in block.lines:
        if not notes or FOOTNOTE_NUMBER.match(line.text):
            notes.append([])
        notes[-1].append(line.text)
    return notes


def _word_goes_on(previous: str, line: str) -> bool:
    """Does the line finish a word hyphenated at the end of the line before (not a suspended compound)?"""
    first = line.split(" ", 1)[0]
    return bool(hyphen_end(previous)) and first[:1].islower() and not suspends(first)


def _split(block: Block) -> list[list[Line]]:
    """A block's lines cut into paragraphs: at a bullet, at an indented line after
    a short one or a sentence's end, at an outdented line (a hanging list item),
    after a short bold line (a heading, unless the sentence goes on). A line
    that starts where the text after a bullet starts goes on with that item."""
    starts = Counter(round(line.x0) for line in block.lines).most_common()
    margin = min(x for x, n in starts if n == starts[0][1])  # a tie: an indent moves right, the margin is left
    paras: list[list[Line]] = [[]]
    previous = None
    item = None  # where the text of the current bulleted item starts
    for line in block.lines:
        continues_item = item is not None and abs(line.x0 - item) <= ITEM_ALIGN * line.size
        if previous is not None and not continues_item and _starts_paragraph(block, margin, previous, line):
            paras.append([])
            item = None
        if BULLET.match(line.text) and len(line.words) > 1:
            item = line.words[1].x0
        paras[-1].append(line)
        previous = line
    return paras


def _starts_paragraph(block: Block, margin: float, previous: Line, line: Line) -> bool:
    if BULLET.match(line.text):
        return True
    if _word_goes_on(previous.text, line.text):
        return False  # "om etablerings-" + "insatser för ...": one word, one paragraph
    indent = (line.x0 - margin) / line.size
    short = block.x1 - previous.x1 > SHORT_LINE * line.size
    ended = short or previous.text.rstrip()[-1:] in ".!?:"
    after_bold = previous.bold and not line.bold and short and not line.text[:1].islower()
    bold_lead = line.bold and not previous.bold and short  # a paragraph opening in bold
    return indent < -INDENT or (indent > INDENT and ended) or after_bold or bold_lead
