"""From pages of text lines to blocks: the layout logic shared by every input.

PDF pages (after geometry) and plain text exported from PDFs both arrive here
as pages of lines, with blank lines where the layout had vertical gaps. This
module drops running headers and footers and tables of contents, groups lines
into paragraphs, joins line-end hyphenation, and classifies each block as a
heading, paragraph, list item, table row or footnote, with its section path.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from collections.abc import Callable

import regex

from reformtrace.model import BLOCK_KINDS, Block, Page

# A line that is only a page number ("12", "Sida 12", "12 (40)", "- 12 -").
PAGE_NUMBER = regex.compile(r"^\s*(?:sida\s+)?[-–]?\s*\d{1,4}\s*(?:\(\d+\))?\s*[-–]?\s*$", regex.I)
# Table-of-contents entry: text, dotted leader or wide gap, page number.
TOC_LINE = regex.compile(r"^.{3,}?(?:\s*\.{3,}|…+)\s*\d{1,4}\s*$|^.{3,}\t\d{1,4}\s*$")
BULLET = regex.compile(r"^\s*(?:[•▪◦●■\-–—*]|\t4|(?<=^\t?)4(?=\t))\s+|^\t\s*4\s+")
NUMBERED_HEADING = regex.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\p{Lu}")
TAB_HEADING = regex.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\t")  # "2.4\t Avgränsningar"
FOOTNOTE = regex.compile(r"^(\d{1,3})\s+(?=\S)")
NUMERIC_CELL = regex.compile(r"(?<!\S)[-–+]?\d[\d\s]*(?:[.,:]\d+)?\s?%?(?!\S)")
SENTENCE_END = regex.compile(r"[.!?:;]\W*$")
# After "hälso-" these words mean a suspended compound ("hälso- och sjukvården"), not hyphenation.
SUSPENSION_WORDS = frozenset({"och", "eller", "samt", "respektive", "resp.", "som", "till", "men", "&"})
HYPHEN_END = regex.compile(r"(\p{L}[\p{L}\d]*)[-\u2010\u2011]$")
HYPHENS = ("-", "\u2010", "\u2011")

WORD = regex.compile(r"\p{L}{2,}")
LETTERS = regex.compile(r"\p{L}+")
DIGITS_AND_SPACE = regex.compile(r"[\d\s]+")

WordCheck = Callable[[str], bool]  # is this a Swedish word?
SplitCheck = Callable[[str, str], bool]  # are these two halves of one word split at a line end?
# A compound written with a hyphen inside a line ("icke-finansiella"), a word of its own
# (not part of a web address or a file name) once the punctuation around it is taken off.
INLINE_HYPHENATED = regex.compile(r"(\p{L}+)-(\p{L}+)")
AROUND_WORD = ",.;:!?()\"”"


def _key(line: str) -> str:
    """Running lines differ only in their page number and spacing."""
    return DIGITS_AND_SPACE.sub("", line.lower())


def drop_running_lines(pages: list[list[str]], edge: int = 3, anywhere: bool = False) -> list[list[str]]:
    """Remove page numbers at page edges, and running headers and footers: short
    lines that recur at the edges of many pages (or `anywhere` on the page, for
    text exports that misplace them)."""
    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, l in enumerate(lines) if l.strip()]
        return filled[:edge] + filled[-edge:]

    def candidate(line: str) -> bool:
        return 3 < len(line.strip()) <= 80 and not is_table_row(line) and not SENTENCE_END.search(line)

    counts: Counter[str] = Counter()
    for lines in pages:
        places = range(len(lines)) if anywhere else edges(lines)
        counts.update({_key(lines[i]) for i in places if candidate(lines[i])})
    least = max(3, len(pages) // 20) if len(pages) >= 6 else 2
    repeated = {k for k, n in counts.items() if n >= least and len(k) > 3}
    out = []
    for lines in pages:
        drop = {i for i in edges(lines) if PAGE_NUMBER.match(lines[i])}
        places = range(len(lines)) if anywhere else edges(lines)
        drop |= {i for i in places if candidate(lines[i]) and _key(lines[i]) in repeated}
        out.append([l for i, l in enumerate(lines) if i not in drop])
    return out


def is_toc_page(lines: list[str]) -> bool:
    filled = [l for l in lines if l.strip()]
    toc = sum(bool(TOC_LINE.match(l.rstrip())) for l in filled)
    return toc >= 3 and toc >= 0.4 * len(filled)


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Group lines into raw paragraphs at blank lines, bullets and table rows."""
    out: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line.strip():
            out.append([])
        elif (
            BULLET.match(line)
            or is_table_row(line)
            or TAB_HEADING.match(line)
            or (i == 0 and NUMBERED_HEADING.match(line) and len(line) <= 80)
        ):
            out.append([line])
            out.append([])
        else:
            out[-1].append(line)
    return [p for p in out if p]


def is_table_row(line: str) -> bool:
    cells = NUMERIC_CELL.findall(line)
    words = WORD.findall(line)
    return (len(cells) >= 3 or (len(cells) == 2 and len(words) <= 1)) and len(cells) >= len(words) / 2


# The end of a line inside a web address, and a next line that goes on with it.
URL_TAIL = regex.compile(r"(?:https?://|www\.)\S*$|\S+/\S*[\w%-]$|\S*%[0-9A-F]{2}\S*$")
URL_PART = regex.compile(r"^[\w%-]*[/%.][\w%/.-]")
LAST_WORD = regex.compile(r"(?<![\p{L}\d-])(\p{L}+)$")
FIRST_WORD = regex.compile(r"\p{Ll}+")


def join_lines(lines: list[str], is_split: SplitCheck | None = None, hyphenated: "Spellings | None" = None) -> str:
    """Join a paragraph's lines: undo line-end hyphenation, keep suspended compounds.

    With `is_split`, a word split at a line end without a hyphen ("primär" /
    "vården") is joined when `is_split(left, right)` says so. `hyphenated`:
    how the document writes its compounds inside its lines: one it writes
    with a hyphen more often than closed ("icke-finansiella") keeps its
    hyphen when a line ends at it.
    """
    parts: list[str] = []  # pieces of the joined text; the last one is the open line
    for line in (l.strip() for l in lines):
        if not parts:
            parts.append(line)
            continue
        tail = parts[-1][-60:]
        head = hyphen_end(tail)
        first = line.split(" ", 1)[0]
        if tail.endswith("/") or (head and first[:1].isdigit()) or _url_goes_on(tail, first):
            parts.append(line)  # "Borgskalan/" + "RPE", "NNR-" + "2012", a web address broken anywhere
            continue
        if head and _slug_goes_on(tail, first):
            parts.append(line)  # ".../kostrad-" + "och-matvanor/": the address's own hyphen
            continue
        if head and first[:1].isupper():
            if _url_hyphenated(tail):
                parts[-1] = parts[-1][:-1]  # "www.regionhalland.se/Page-" + "Files/37163/..."
            parts.append(line)  # "Hjärt-" + "Lungfonden" -> "Hjärt-Lungfonden"
            continue
        if head and first[:1].islower():
            stem = head[1]
            if suspends(first):
                parts.append(" " + line)
            elif stem.isupper() or stem[-1].isdigit() or len(stem) == 1 or _written_hyphenated(stem, first, hyphenated):
                parts.append(line)  # "SIP-" + "arbetet" -> "SIP-arbetet", "icke-" + "finansiella" as written
            else:
                parts[-1] = parts[-1][:-1]
                parts.append(line)
            continue
        joined = False
        if is_split is not None:
            left, right = LAST_WORD.search(tail), FIRST_WORD.match(first)
            joined = bool(left and right) and is_split(left[1], right[0])
        parts.append(line if joined else " " + line)
    return "".join(parts)


def hyphen_end(text: str) -> "regex.Match | None":
    """HYPHEN_END's match in `text`, searched for only when a hyphen ends it, and from
    its last space or line break on (the match cannot begin before it; a search from
    the start tries every letter of the text)."""
    if not text.rstrip("\n").endswith(HYPHENS):
        return None
    return HYPHEN_END.search(text, max(text.rfind(" ", 0, -1), text.rfind("\n", 0, -1)) + 1)


def suspends(first: str) -> bool:
    """Is the word after a line-end hyphen the conjunction of a suspended compound
    ("hälso- och")? Not when punctuation follows it at once: then it ends the
    hyphenated word ("feno-" + "men,", "lång-" + "samt.")."""
    return first in SUSPENSION_WORDS


def _url_goes_on(tail: str, first: str) -> bool:
    """A web address broken at a line end (not at a hyphen) continues on the next line."""
    address = ("/" in tail or "www." in tail or "%" in tail) and URL_TAIL.search(tail)
    return bool(address) and not tail.endswith("-") and (address[0][-1] in "/._%=&?#" or bool(URL_PART.search(first)))


@dataclass
class Spellings:
    """How a document writes its compounds inside its lines: with a hyphen
    ("icke-finansiella": (left, right) pairs counted, lower-cased) or closed (in `text`)."""

    pairs: Counter
    text: str
    lowered: str | None = None  # `text` lower-cased, made at the first question (most documents ask none)

    def hyphenated(self, left: str, right: str) -> bool:
        """Written with its hyphen more often than closed up?"""
        left, right = left.lower(), right.lower()
        written = self.pairs[(left, right)]
        if not written:
            return False
        if self.lowered is None:
            self.lowered = self.text.lower()
        return written > self.lowered.count(left + right)


def spellings(lines: list[str]) -> Spellings:
    """The compounds the lines write with a hyphen inside a line, and their text to count closed forms in."""
    text = "\n".join(lines)
    pairs: Counter = Counter()
    for token in text.split():  # str.split and a test for "-" first: the whole document's text is read
        if "-" in token and (compound := INLINE_HYPHENATED.fullmatch(token.strip(AROUND_WORD))):
            pairs[(compound[1].lower(), compound[2].lower())] += 1
    return Spellings(pairs, text)


def _written_hyphenated(stem: str, first: str, hyphenated: Spellings | None) -> bool:
    """Does the document write this compound with its hyphen inside a line ("icke-finansiella")?"""
    right = FIRST_WORD.match(first)
    return hyphenated is not None and right is not None and hyphenated.hyphenated(stem, right[0])


def _slug_goes_on(tail: str, first: str) -> bool:
    """A web address broken at a hyphen whose next path segment joins words with
    hyphens too ("kostrad-" + "och-matvanor/"): the hyphen is the address's own."""
    segment = first.split("/", 1)
    if len(segment) < 2 or "-" not in segment[0] or not _url_hyphenated(tail):
        return False
    address = URL_TAIL.search(tail[:-1])[0]
    return "/" in address.split("://", 1)[-1]  # in the path, past the host name


def _url_hyphenated(tail: str) -> bool:
    """A web address hyphenated at a line end: the hyphen is the typesetter's, whatever case follows."""
    return tail.endswith("-") and ("/" in tail or "www." in tail or "%" in tail) and bool(URL_TAIL.search(tail[:-1]))


def split_check(lines: list[str], is_word: WordCheck | None) -> SplitCheck:
    """Judge words split at a line end without a hyphen, from the document first:
    join when the joined form is written elsewhere in it and the pair is never
    written apart within a line; else from the lexicon: join when the joined form
    is a word and the parts are not both words. The document's words are counted on
    the first question (most passages never ask one)."""
    tables: list[tuple[Counter[str], set[tuple[str, str]]]] = []

    def inline() -> tuple[Counter[str], set[tuple[str, str]]]:
        if not tables:
            inline_words: Counter[str] = Counter()
            inline_pairs: set[tuple[str, str]] = set()
            for line in lines:
                tokens = LETTERS.findall(line.lower())
                inline_words.update(tokens)
                inline_pairs.update(zip(tokens, tokens[1:]))
            tables.append((inline_words, inline_pairs))
        return tables[0]

    def is_split(left: str, right: str) -> bool:
        left, right = left.lower(), right.lower()
        inline_words, inline_pairs = inline()
        if (left, right) in inline_pairs or len(left) < 2 or len(right) < 2:
            return False
        if inline_words[left + right]:
            return True
        return is_word is not None and is_word(left + right) and not (is_word(left) and is_word(right))

    return is_split


def classify(lines: list[str], text: str) -> str:
    first = lines[0]
    if BULLET.match(first):
        return "list_item"
    if len(lines) == 1 and is_table_row(first):
        return "table_row"
    if (len(lines) == 1 and len(text) <= 120 or len(lines) == 2 and len(text) <= 80) and not SENTENCE_END.search(text) and (
        text[:1].isupper() or NUMBERED_HEADING.match(text)
    ):
        return "heading"
    return "paragraph"


def build_pages(
    pages: list[list[str]], is_word: WordCheck | None = None, running: str = "edges"
) -> list[Page]:
    """Turn pages of lines into Pages of classified Blocks with section paths.

    `running` says where running headers and footers are looked for: at the
    page "edges", "anywhere" (text exports), or "none" (already removed)."""
    if running != "none":
        pages = drop_running_lines(pages, anywhere=running == "anywhere")
    paras = []
    for lines in pages:
        if is_toc_page(lines):
            paras.append([])
            continue
        lines = [l for l in lines if not TOC_LINE.match(l.rstrip())]
        paras.append([(None, para) for para in paragraphs(lines)])
    return pages_from_paragraphs(paras, is_word)


# What the layout says a paragraph is, when it knows: its kind ("heading",
# "table_row", "footnote"; "heading:2" is a heading of level 2), "text" (a
# paragraph or list item, never a heading), or None (its text decides).
Hint = str | None


def pages_from_paragraphs(
    pages: list[list[tuple[Hint, list[str]]]],
    is_word: WordCheck | None = None,
    rejoin: bool = True,
    split_words: bool = True,
) -> list[Page]:
    """Pages of paragraphs (each a hint and its lines) to Pages of classified
    Blocks: hyphenation joined, section paths from the headings. `rejoin`:
    join a paragraph cut by a page break or a stray gap to the one before (a
    PDF's layout knows its column breaks, and keeps each page's text on its
    page). `split_words`: look for words split at a line end without a hyphen
    (text exports have them; a PDF's lines end where the typesetter ended them)."""
    all_lines = [l for paras in pages for _, para in paras for l in para]
    is_split = split_check(all_lines, is_word) if split_words else None
    hyphenated = spellings(all_lines)
    section: list[tuple[int, str]] = []  # (level, title)
    titles: set[str] = set()
    out: list[Page] = []
    for number, paras in enumerate(pages, start=1):
        page = Page(number)
        out.append(page)
        footnotes_from = _footnote_start([para for hint, para in paras if hint is None]) if all(
            hint is None for hint, _ in paras) else len(paras)
        for i, (hint, para) in enumerate(paras):
            text = join_lines(para, is_split, hyphenated)
            level = None
            if hint and hint.startswith("heading:"):  # a heading whose level the layout gives
                hint, level = "heading", int(hint.split(":")[1])
            if hint in BLOCK_KINDS:
                kind = hint
            else:
                kind = "footnote" if i >= footnotes_from else classify(para, text if is_split is None else join_lines(para))
                if hint == "text" and kind == "heading":
                    kind = "paragraph"
            if kind == "list_item":
                text = join_lines([BULLET.sub("", para[0], count=1)] + para[1:], is_split, hyphenated)
            if not text:
                continue
            if kind == "heading" and hint is None and not page.blocks and text in titles:
                continue  # a chapter title repeated at the top of its pages
            if kind == "paragraph" and rejoin and continue_paragraph(out, text):
                continue
            if kind == "heading":
                section = _enter(section, text, level)
                titles.add(text)
            block_section = [t for _, t in section]
            page.blocks.append(Block(kind, text, number, block_section))
    return out


def _footnote_start(paras: list[list[str]]) -> int:
    """Index of the first of the page's trailing footnotes (len(paras) if none)."""
    start = len(paras)
    while start > 0 and FOOTNOTE.match(paras[start - 1][0]) and not is_table_row(paras[start - 1][0]):
        start -= 1
    # Footnotes count up; a lone "2020 ..." or a numbered list is not footnotes.
    numbers = [int(FOOTNOTE.match(p[0])[1]) for p in paras[start:]]
    if numbers and (numbers != sorted(numbers) or start == 0 or numbers[0] > 999):
        return len(paras)
    return start


def continue_paragraph(pages: list[Page], text: str) -> bool:
    """A paragraph cut by a page break (footnotes between) or a stray gap:
    append it to the paragraph before."""
    previous = next(
        (b for p in reversed(pages) for b in reversed(p.blocks) if b.kind != "footnote"), None
    )
    if previous is not None and previous.kind == "heading" and text[:1].islower() and len(text) <= 60:
        previous.text += " " + text  # a heading broken over two lines
        previous.section[-1] = previous.text
        return True
    if previous is None or previous.kind not in ("paragraph", "list_item") or not text[:1].islower():
        return False
    if SENTENCE_END.search(previous.text):
        return False
    head = hyphen_end(previous.text)
    if head and text.split(" ", 1)[0] not in SUSPENSION_WORDS:
        previous.text = previous.text[:-1] + text
    else:
        previous.text += " " + text
    return True


def _enter(section: list[tuple[int, str]], title: str, level: int | None = None) -> list[tuple[int, str]]:
    """The section path after a heading: numbered headings ("3.2 ...") set their
    depth; an unnumbered one has the `level` the layout gives it (by its font),
    else it sits one level below the last numbered one."""
    numbered = NUMBERED_HEADING.match(title)
    if numbered:
        level = numbered[1].count(".") + 1
    elif level is None:
        level = max((lvl for lvl, t in section if NUMBERED_HEADING.match(t)), default=0) + 1
    return [s for s in section if s[0] < level] + [(level, title)]


# A page number inside a running line: "Sida 12", "SID 12 (40)", "12 av 40", or a leading or trailing "12".
PRINTED_NUMBER = regex.compile(
    r"\bsid(?:a|an)?\.?\s*(\d{1,4})\b|^\s*(\d{1,4})(?:\s*\(\d+\)|\s+av\s+\d+)?\s*$|^\s*(\d{1,4})\s+\D|\S\s+(\d{1,4})\s*$",
    regex.I,
)


def running_lines(pages: list[list[tuple[str, float]]], least: int = 3, tolerance: float = 4.0) -> list[set[int]]:
    """Which of each page's edge lines (short lines at the top, bottom or sides,
    each with its distance from the top of the page) are running lines: page
    numbers, and lines that, once digits are set aside, recur at one height
    on `least` pages, two of them at most two pages apart (chapter footers,
    alternating headers; not a heading that opens every chapter)."""
    least = min(least, max(2, len(pages) // 2))
    places: dict[str, list[tuple[int, float]]] = {}
    for number, lines in enumerate(pages):
        for text, y in lines:
            places.setdefault(_key(text), []).append((number, y))

    def recurs(occurrences: list[tuple[int, float]]) -> bool:
        for number, y in occurrences:
            same = [n for n, other in occurrences if abs(y - other) <= tolerance]
            if len(same) >= least and any(0 < abs(n - number) <= 2 for n in same):
                return True
        return False

    running = {key for key, occurrences in places.items() if len(key) > 3 and recurs(occurrences)}
    return [
        {i for i, (text, _) in enumerate(lines) if PAGE_NUMBER.match(text) or _key(text) in running}
        for lines in pages
    ]


def printed_numbers(pages: list[list[str]]) -> list[str]:
    """Each page's printed number, from its running lines: the number that keeps
    the most pages at one distance from their index ("" when none does)."""
    candidates = []
    for lines in pages:
        numbers = set()
        for line in lines:
            numbers.update(int(next(g for g in match.groups() if g)) for match in PRINTED_NUMBER.finditer(line))
        candidates.append(numbers)
    offsets = Counter(n - index for index, numbers in enumerate(candidates) for n in numbers)
    out = []
    for index, numbers in enumerate(candidates):
        best = max(numbers, key=lambda n: (offsets[n - index], -n), default=None)
        agreed = best is not None and (offsets[best - index] >= 2 or len(pages) == 1)
        out.append(str(best) if agreed else "")
    return out
