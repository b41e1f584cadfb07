"""Repair damaged text in place: read each token, let context choose, write back.

Only the characters of damaged tokens change: line breaks, spaces,
punctuation and line-end hyphen splits stay where they were. A word split
over a line end ("om-\\nställningen") is read as the joined word and written
back split at the same place. Each change is returned with its span in the
input and a confidence (the probability of the chosen reading against the
token's other readings, neighbours fixed).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from reformtrace import lexicon as lx
from reformtrace.repair.channel import Channel, TokenChannel, align, load_channel, load_token_channel, observed_form, prior, readings
from reformtrace.repair.context import START, Context, load_context, lm_word

NUMBER_BEFORE = regex.compile(r"\d[.,]\Z")
LONE_BEFORE = regex.compile(r"|\s|\(")  # a one-character token stands alone between these
LONE_AFTER = regex.compile(r"|\s|[,.;:)]")
SENTENCE_START = regex.compile(r"[.!?][\s\p{Pf}\p{Pe}]*\s[\s\p{Pi}\p{Ps}]*\Z")
TEXT_START = regex.compile(r"[\s\p{Pi}\p{Ps}\p{Pd}*+•]*")  # before a text's first word: a title or a paragraph starts a sentence
LINE_END_HYPHEN = regex.compile(r"-[ \t]*\n[ \t\f\n]*")
# Web and mail addresses keep their ASCII spelling, also across a line-end hyphen, and
# so does a Markdown link's path ("(/pressmeddelanden/2017/10/regeringen-lamnar-forslag/)").
# Each pattern starts with a literal, and runs only when the text holds it: a pattern that
# could start anywhere costs a report of 100,000 words half a second.
URL = regex.compile(r"(?:https?://|www\.)(?:[^\s]*-[ \t]*\n[ \t]*)*[^\s]*")
MAIL = regex.compile(r"@[\w-]+(?:\.[\w-]+)+")  # and the name before it
LINK = regex.compile(r"\]\(([^\s)]+)")
PATH = regex.compile(r"/[\w.-]+/[^\s)]*")  # after a space or "(", at the text's start


def addresses(text: str) -> list[tuple[int, int]]:
    """Spans of the web and mail addresses and link paths in `text`, in order, none inside another."""
    spans = []
    if "www." in text or "://" in text:
        spans += [m.span() for m in URL.finditer(text)]
    if "@" in text:
        for m in MAIL.finditer(text):
            start = m.start()
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
                start -= 1
            if start < m.start():
                spans.append((start, m.end()))
    if "](" in text:
        spans += [m.span(1) for m in LINK.finditer(text)]
    if "/" in text:
        spans += [m.span() for m in PATH.finditer(text) if m.start() == 0 or text[m.start() - 1] in " \t\n("]
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def without_addresses(text: str) -> str:
    """`text` with each address replaced by a space."""
    parts, pos = [], 0
    for start, end in addresses(text):
        parts += [text[pos:start], " "]
        pos = end
    return "".join(parts) + text[pos:]


# A code of capitals and digits ("H2O", "B12", "5G", "S2023") is kept as written; so is an
# abbreviation ("SD", "PAL", "FaR") in a line written in lower case.
CODE = regex.compile(r"(?=.*\p{N})(?=.*\p{Lu})[\p{Lu}\p{N}]+")
ACRONYM = regex.compile(r"\p{Lu}\p{Lu}+|(?=\p{L}{3,5}$)\p{Lu}\p{Ll}+\p{Lu}\p{L}*")
CAPITAL_LINE = 0.5  # a line with this share of capitals or more is a heading in capitals ("OMSTALLNINGEN"): its words are read
UNKNOWN_ZIPF = -1.0  # a token no reading explains (a name, an abbreviation): kept at this frequency
GARBLED_ZIPF = -3.0  # the same for a token with a digit or symbol among its letters ("f6lja")
SYMBOL_PRIOR = math.log(1e-3)  # a token of digits or symbols kept as it is
MAX_OPTIONS = 6


@dataclass(frozen=True)
class Change:
    """One repaired token: span in the input text, the original and its replacement."""

    start: int
    end: int
    original: str
    replacement: str
    score: float  # probability of the replacement against the token's other readings


@dataclass(frozen=True)
class Option:
    form: str  # the word as it would be written (lower case)
    lm: str  # the context model's word
    channel: float
    prior: float
    pieces: tuple[str, ...] | None  # alignment to the observed token (None: kept as it is)


@dataclass(frozen=True)
class Model:
    """Everything a repair reads: channel, lexicon and context model."""

    channel: Channel
    lexicon: lx.Lexicon
    context: Context
    tokens: TokenChannel

    @cached_property
    def token_pattern(self) -> regex.Pattern:
        """A token: letters, digits and the symbols the channels read as letters."""
        symbols = {c for _, o in self.channel.logp for c in o} | set(self.tokens.by_observed)
        extra = "".join(sorted(c for c in symbols if not c.isalnum()))
        return regex.compile(rf"[\p{{L}}\p{{N}}{regex.escape(extra)}]+")


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The model from the package's data files, loaded once per process."""
    return Model(load_channel(), lx.load(), load_context(), load_token_channel())


@dataclass
class Token:
    start: int
    end: int
    word: str  # observed, without a line-end hyphen split
    split: int  # index in `word` where the split was (0: none)
    sep: str  # the split text ("-\n")
    boundary: bool  # a sentence ends before this token
    sentence_start: bool  # ... with . ! or ?, so the token starts a sentence
    options: tuple[Option, ...] = ()


def tokenize(text: str, model: Model) -> list[Token]:
    """Word tokens (letters, digits and the symbols the channels read as letters),
    with line-end hyphen splits joined."""
    pattern = model.token_pattern
    spans = addresses(text)
    raw = [m.span() for m in pattern.finditer(text, concurrent=False)]  # the GIL kept between words (see offsets.py)
    if spans:
        raw = [(s, e) for s, e in raw if not any(a <= s < b for a, b in spans)]
    out: list[Token] = []
    i, prev_end = 0, 0
    while i < len(raw):
        s, e = raw[i]
        gap = text[prev_end:s]
        boundary = not out or (gap != " " and any(c in gap for c in ".!?;:"))  # most words are parted by a space
        sentence_start = boundary and bool(SENTENCE_START.search(gap) or (not out and TEXT_START.fullmatch(gap)))
        word, split, sep = text[s:e], 0, ""
        if i + 1 < len(raw):
            gap = text[e : raw[i + 1][0]]
            nxt = text[raw[i + 1][0] : raw[i + 1][1]] if "-" in gap else ""
            if nxt and LINE_END_HYPHEN.fullmatch(gap) and not nxt[0].isupper() and regex.search(r"\p{L}", word):
                word, split, sep = word + nxt, len(word), gap
                e = raw[i + 1][1]
                i += 1
        out.append(Token(s, e, word, split, sep, boundary, sentence_start))
        prev_end = e
        i += 1
    return out


def _options(tok: Token, text: str, model: Model) -> tuple[Option, ...]:
    before, after = text[tok.start - 1 : tok.start], text[tok.end : tok.end + 1]
    glued = before in (".", ",") and NUMBER_BEFORE.search(text, max(0, tok.start - 2), tok.start)  # "1k" in "4,1k"
    stray = len(tok.word) == 1 and not (LONE_BEFORE.fullmatch(before) and LONE_AFTER.fullmatch(after))  # "1" in "0.1"
    if glued or stray or abbreviation(tok.word, lambda: _capitals(text, tok.start)):
        return (_kept(tok.word.lower(), SYMBOL_PRIOR),)
    return _options_for(observed_form(tok.word), after == "-", before == "-", model)


def abbreviation(word: str, capitals) -> bool:
    """A code, or an abbreviation where `capitals()` (the share of capitals around it) says the text is in lower case."""
    code, acronym = shape(word)
    return code or (acronym and capitals() < CAPITAL_LINE)


@lru_cache(maxsize=65536)
def shape(word: str) -> tuple[bool, bool]:
    """Whether a word is written as a code, and as an acronym (once per word: the damage
    check asks about every word of every passage that is not in lower case)."""
    return bool(CODE.fullmatch(word)), bool(ACRONYM.fullmatch(word))


def _capitals(text: str, at: int) -> float:
    """The share of capitals among the letters of the line around `at`."""
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) / max(len(letters), 1)


def _kept(word: str, prior: float) -> Option:
    """The option of leaving the token as it is (a number is a number to the context model)."""
    return Option(word, word if any(c.isalpha() for c in word) else lm_word(word), 0.0, prior, None)


@lru_cache(maxsize=65536)
def _options_for(word: str, begin: bool, end: bool, model: Model) -> tuple[Option, ...]:
    """The readings of one observed word (in `observed_form`), and keeping it
    as it is when it may be no word: a number, a name, an abbreviation."""
    out = []
    whole = model.tokens.readings(word) if len(word) == 1 else []
    for form, lp in whole:
        entry = model.lexicon.lookup(form)
        if entry is not None:
            pairs = align(form, word) or [(form[0], word), *((c, "") for c in form[1:])]
            out.append(Option(form, form, lp, prior(entry), tuple(p for _, p in pairs)))
    if not whole and any(c.isalpha() for c in word):
        found = readings(word, model.channel, model.lexicon, begin=begin, end=end, limit=MAX_OPTIONS)
        out = [Option(r.form, r.form, r.channel, r.prior, r.pieces) for r in found]
    low = word.lower()
    if not any(c.isalpha() for c in word):
        out.append(_kept(low, model.context.number_prior.get(lm_word(low), SYMBOL_PRIOR)))
    elif not any(o.form == low for o in out):
        zipf = UNKNOWN_ZIPF if low.isalpha() else GARBLED_ZIPF
        out.append(_kept(low, (zipf - 9) * math.log(10)))
    return tuple(out)


def choose(tokens: list[Token], ctx: Context) -> list[tuple[int, list[float]]]:
    """Viterbi over each sentence: per token the chosen option and the local
    probability of each option (neighbours fixed to their chosen options)."""
    out: list[tuple[int, list[float]]] = []
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].boundary:
            out += _viterbi(tokens[start:i], ctx)
            start = i
    return out


def _viterbi(tokens: list[Token], ctx: Context) -> list[tuple[int, list[float]]]:
    logp = ctx.logp
    prev_scores = [0.0]
    prev_words = [START]
    backs: list[list[int]] = []
    # per token, per option: log P(option | each option of the token before), which the local
    # probabilities read again (the option before on the path, and the one after)
    steps: list[list[list[float]]] = []
    for tok in tokens:
        scores, back, step = [], [], []
        for opt in tok.options:
            lm, prior = opt.lm, opt.prior
            row = [logp(pw, lm, prior) for pw in prev_words]
            if len(row) == 1:  # one option before (nearly half the tokens have one): nothing to choose
                best, arg = prev_scores[0] + row[0], 0
            else:
                best, arg = -math.inf, 0
                for j, (ps, lp) in enumerate(zip(prev_scores, row)):
                    s = ps + lp
                    if s > best:
                        best, arg = s, j
            scores.append(best + opt.channel)
            back.append(arg)
            step.append(row)
        backs.append(back)
        steps.append(step)
        prev_scores, prev_words = scores, [o.lm for o in tok.options]
    path = [max(range(len(prev_scores)), key=lambda j: (prev_scores[j], -j))]
    for back in reversed(backs[1:]):
        path.append(back[path[-1]])
    path.reverse()
    out = []
    for k, tok in enumerate(tokens):
        if len(tok.options) == 1:
            out.append((0, [1.0]))
            continue
        before = path[k - 1] if k else 0  # START is the one word before the first token
        after = steps[k + 1][path[k + 1]] if k + 1 < len(tokens) else None
        local = []
        for i, opt in enumerate(tok.options):
            s = opt.channel + steps[k][i][before]
            if after is not None:
                s += after[i]
            local.append(s)
        top = max(local)
        weights = [math.exp(s - top) for s in local]
        total = sum(weights)
        out.append((path[k], [w / total for w in weights]))
    return out


@lru_cache(maxsize=65536)
def apply_case(observed: str, form: str, pieces: tuple[str, ...], sentence_start: bool = False, name: bool = False) -> str:
    """Write `form` in the case pattern of the observed token (remembered: a damaged
    report repairs the same words again and again).

    Only observed letters that stand for their own letter (or its accented
    twin, "O" for "Ö") carry case; an upper-case misread ("D" for "Ä") still
    marks a capital, except "I", the scanner's "l". A word whose first letter
    carries no case is capitalised when it starts a sentence or is a name.
    """
    original, pos = [], 0
    for piece in pieces:
        original.append(observed[pos : pos + len(piece)])
        pos += len(piece)
    cased = [o for o, t in zip(original, form) if len(o) == 1 and o.isalpha() and lx.key(o) == lx.key(t)]
    if len(cased) >= 2 and all(o.isupper() for o in cased):
        return form.upper()
    first = original[0] if original else ""
    carries = len(first) == 1 and first.isalpha() and lx.key(first) == lx.key(form[0])
    capital = first[:1].isupper() and (carries or first != "I")  # "Dlvdalen" is "Älvdalen", "Idkar" is "läkar"
    if capital or (not carries and (sentence_start or name)):
        return form[:1].upper() + form[1:]
    return form


def _split_at(form: str, pieces: tuple[str, ...], split: int) -> int:
    """The index in `form` where the observed split (after `split` observed characters) falls."""
    seen = 0
    for i, piece in enumerate(pieces):
        if seen >= split:
            return i
        seen += len(piece)
    return len(form)


def decode(text: str, model: Model) -> list[tuple[Token, int, list[float]]]:
    """Each token with its chosen option and the local probability of each option."""
    tokens = tokenize(text, model)
    for tok in tokens:
        tok.options = _options(tok, text, model)
    return [(tok, k, probs) for tok, (k, probs) in zip(tokens, choose(tokens, model.context))]


def repair_text(text: str, model: Model | None = None) -> tuple[str, list[Change]]:
    """Repair OCR-damaged Swedish text; returns the new text and every change.

    Runs on any text it is given (call `is_damaged` first to leave clean
    text alone). Change spans are offsets into the input.
    """
    model = model or default_model()
    out, changes, pos = [], [], 0
    for tok, k, probs in decode(text, model):
        opt = tok.options[k]
        if opt.pieces is None or opt.form == tok.word.lower():
            continue
        name = bool(model.lexicon.flags(opt.form) & lx.NAME)
        form = apply_case(tok.word, opt.form, opt.pieces, tok.sentence_start, name)
        if tok.split:
            cut = _split_at(form, opt.pieces, tok.split)
            form = form[:cut] + tok.sep + form[cut:]
        original = text[tok.start : tok.end]
        if form == original:
            continue
        out.append(text[pos : tok.start])
        out.append(form)
        pos = tok.end
        changes.append(Change(tok.start, tok.end, original, form, round(probs[k], 4)))
    out.append(text[pos:])
    return "".join(out), changes
