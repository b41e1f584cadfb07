"""Text exports that give a page as one long line.

Such a line holds headings, bullets and paragraphs run together, and the
hyphenation of the printed lines left in place ("kompetensförsörj- ningen").
`break_runon` puts headings and bullets on lines of their own and each
sentence on a line, so the layout stage sees a page of short lines;
`join_inline_hyphens` joins the hyphenated words, keeping suspended compounds
("hälso- och sjukvården"), and words a stray space split ("K ompetensnivån").
"""
from __future__ import annotations

import regex

from reformtrace.extract.layout import SUSPENSION_WORDS, WordCheck
from reformtrace.sentences import sentence_spans

RUNON_WORDS = 60  # a line this long is a page or a paragraph run together, not a printed line
# "ord- fortsättning" (or "ord - fortsättning") inside a line: a word, a hyphen,
# a space and a lower-case continuation.
INLINE_HYPHEN = regex.compile(r"(?<![\p{L}\d-])(\p{L}[\p{L}\d]*)( ?)- (\p{Ll}[\p{L}]*)")
# "infl yttningen": a space left where a ligature glyph ("fl", "fi", "ff") was drawn.
LIGATURE_GAP = regex.compile(r"(?<![\p{L}\d])(\p{L}*(?:ff|fi|fl)) (\p{Ll}+)")
# "K ompetensnivån", "Sa mmanfattning", "d etta": a space inside a word, where an exporter
# took a drop cap or a kerning gap for a word break; the first piece is one to three letters.
SPLIT_GAP = regex.compile(r"(?<![\p{L}\d:'’\-])(\p{L}{1,3}) (\p{Ll}{2,})(?![\p{L}\d\u00ad-])")
LONE_LETTERS = frozenset("iåöoeaIÅÖOEA")  # letters that stand alone as words or list marks ("i dag", "a broad")
COMMON = 3.0  # Zipf: a lone letter joins only into a common word ("a ktuella", not "a broad")
MORE_COMMON = 1.0  # Zipf: "d etta" -> "detta" though "etta" is a word, for "detta" is far more common
BULLET_INSIDE = regex.compile(r"\s+(?=[•▪●■]\s)")
# A heading run into the sentence after it: a short capitalised phrase with no
# stop, then a word that opens Swedish sentences. The opener list is small on
# purpose: a capital inside a sentence is usually a name, never one of these.
OPENERS = (
    "Det", "Den", "De", "Detta", "Dessa", "Där", "Då", "Denna", "I", "Av", "Att", "En", "Ett", "För",
    "Under", "Sedan", "Som", "Enligt", "Efter", "Inom", "Många", "Andelen", "Antalet", "Nästan", "Drygt",
    "Knappt", "Socialstyrelsen", "Regeringen", "Här", "Vi", "Till", "Vid", "Med", "År", "Mellan", "Flera",
)
INLINE_HEADING = regex.compile(
    r"^((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?\p{Lu}[\p{L}\-–,]*(?:\s+[\p{Ll}\-–,][\p{L}\-–,]*){0,8})\s+"
    r"(?=(?:" + "|".join(sorted(set(OPENERS), key=len, reverse=True)) + r")\s+\p{Ll})"
)
MAX_HEADING_CHARS = 80
NO_HEADING_END = regex.compile(r"(?:\s(?:och|eller|i|på|av|för|med|till|om|som|att|den|det|en|ett)|,)$")


def join_inline_hyphens(line: str, is_word: WordCheck | None) -> str:
    """Join "kompetensförsörj- ningen" (and "infl yttningen", "K ompetensnivån") where
    the joined form is a Swedish word and the continuation is not."""
    if is_word is None:
        return line
    line = LIGATURE_GAP.sub(
        lambda m: m[1] + m[2] if is_word(m[1] + m[2]) and not is_word(m[2]) else m[0], line
    )
    line = _join_split_words(line, is_word)
    if "- " not in line:
        return line

    def join(match: regex.Match) -> str:
        left, spaced, right = match[1], match[2], match[3]
        if right in SUSPENSION_WORDS:
            return match[0]
        if left.isupper() and not spaced:
            return f"{left}-{right}"  # "RSS- strukturernas" -> "RSS-strukturernas"
        if not is_word(left + right):
            return match[0]
        if spaced and is_word(right):
            return match[0]  # "vård - omsorg": a dash between words, not a hyphen
        return left + right

    return INLINE_HYPHEN.sub(join, line)


def _join_split_words(line: str, is_word: WordCheck) -> str:
    """The line with its words a stray space split joined. Each word is tried as a head, the word
    before left apart or not ("i sa mband": "i sa" is no word, "sa mband" is "samband")."""
    pieces, done = [], 0
    for m in SPLIT_GAP.finditer(line, overlapped=True):
        if m.start() >= done and _split_word(m[1], m[2], is_word):
            pieces += [line[done:m.end(1)], m[2]]
            done = m.end()
    return "".join(pieces) + line[done:]


def _split_word(head: str, rest: str, is_word: WordCheck) -> bool:
    """Whether "head rest" is one word split by a space: the joined form is a word, and the
    rest is none ("K ompetensnivån") or a rarer one after a lone consonant ("h ar"). A head
    that is a word of its own ("av informa") or a lone letter ("a broad") joins only into a
    common whole word."""
    from reformtrace.lexicon import load

    joined, rest_is_word = head + rest, is_word(rest)
    if rest_is_word and (len(head) > 1 or head in LONE_LETTERS or not head.islower()):
        return False  # most pairs of words ("och att"), asked first: one look-up, remembered
    if not is_word(joined):
        return False
    lexicon = load()
    if not rest_is_word:
        if len(rest) < 3:
            return False  # "har pa": a damaged "på" after a word, not the end of "harpa"
        if head in LONE_LETTERS or lexicon.is_whole_word(head) and not (len(head) == 1 or head.isupper()):
            return lexicon.is_whole_word(joined) and lexicon.zipf(joined) >= COMMON
        # a compound only after one letter ("s pecialbearbetningar"): "ska fa storre" is OCR damage, not "fastorre"
        return lexicon.is_whole_word(joined) or len(head) == 1 and len(rest) >= 5
    return lexicon.zipf(joined) > lexicon.zipf(rest) + MORE_COMMON


def _heading(sentence: str) -> tuple[str, str] | None:
    """A heading run into the start of a sentence, and the sentence's rest."""
    match = INLINE_HEADING.match(sentence)
    if not match:
        return None
    title = match[1]
    if len(title) > MAX_HEADING_CHARS or NO_HEADING_END.search(title):
        return None
    return title, sentence[match.end():]


def break_runon(lines: list[str]) -> list[str]:
    """Lines of a page with every run-on line broken at headings, bullets and sentences."""
    out: list[str] = []
    for line in lines:
        if len(line.split()) < RUNON_WORDS:
            out.append(line)
            continue
        for part in BULLET_INSIDE.split(line.strip()):
            if part.startswith(("•", "▪", "●", "■")):
                out += ["", part, ""]
                continue
            for a, b in sentence_spans(part):
                sentence = part[a:b]
                heading = _heading(sentence)
                if heading:
                    out += ["", heading[0], ""]
                    sentence = heading[1]
                out.append(sentence)
        out.append("")
    return out
