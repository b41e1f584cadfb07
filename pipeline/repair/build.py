"""Build the repair stage's data files from installed packages, the corpus and clean prose.

    python -m reformtrace.repair.build [--corpus corpus] [--prose ../shared/corpus-dev/g0vse-unlabelled.jsonl.gz]

Writes pipeline/data/lexicon/lexicon.bin (every Hunspell sv_SE form with
its compound flags, wordfreq's Swedish list, the words of the clean reports
and of the unlabelled prose corpus, the gazetteer's place names), the word
pairs in bigrams.bin, and the statistics in pipeline/data/ocr/. Nothing is
downloaded: Hunspell comes from the hunspell-sv package
({sys.prefix}/share/hunspell), word frequencies from wordfreq's bundled list.
The output is deterministic; CI never runs this (the output is committed).
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import math
import os
import re
import sys
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

import regex
import wordfreq

from reformtrace import lexicon as lx
from reformtrace.datafiles import shared_path
from reformtrace.repair import simulate, sources
from reformtrace.repair.channel import DELETED, FLOOR_ZIPF, Channel, TokenChannel, align, observed_form, readings
from reformtrace.repair.context import BIGRAMS, Context
from reformtrace.repair.context import write_table as context_table
from reformtrace.repair.text import Model, decode

DATA = Path(__file__).resolve().parent.parent / "data"
HUNSPELL = Path(sys.prefix) / "share" / "hunspell"
SWEDISH_LETTERS = "åäöÅÄÖ"
HYPHEN_JOIN = regex.compile(r"(\p{L})-[ \t]*\n[ \t\n]*(?=\p{Ll})")
CORPUS_MIN_COUNT = 2  # a word seen once in a report may be a fragment


def read_affixes(path: Path) -> dict[str, list[tuple[str, str, str, re.Pattern | None]]]:
    """Suffix rules per flag: (strip, add, continuation flags, condition)."""
    rules: dict[str, list] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        p = line.split()
        if len(p) >= 5 and p[0] == "SFX":
            flag, strip, add, cond = p[1:5]
            add, _, cont = add.partition("/")
            rules[flag].append(
                (
                    "" if strip == "0" else strip,
                    "" if add == "0" else add,
                    cont,
                    None if cond == "." else re.compile(f"(?:{cond})$"),
                )
            )
        elif len(p) >= 2 and p[0] == "PFX":
            raise SystemExit(f"{path}: prefix rules are not supported")
    return rules


def hunspell_forms(dic: Path, aff: Path) -> dict[str, int]:
    """Every form the dictionary generates, lower-cased, with lexicon flags.

    Follows the sv_SE compounding: stems flagged X/U/Y begin/sit inside/end
    compounds; suffixes with continuation W+X/U make compound-only forms
    ("omställning" -> "omställnings-"); suffixed forms of a Y stem end one.
    """
    rules = read_affixes(aff)
    out: dict[str, int] = defaultdict(int)
    common: set[str] = set()  # forms of some lower-case stem: no name, even if a name shares them
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.partition("/")
        flags = flags.split()[0] if flags.strip() else ""
        if "%" in flags or " " in word or not word:  # forbidden words, multiword names
            continue
        f = lx.HUNSPELL | (lx.NAME if word[:1].isupper() else 0)
        word = word.lower()
        if "Z" not in flags and "¤" not in flags:
            f |= lx.WORD
        f |= (lx.BEGIN if "X" in flags else 0) | (lx.MIDDLE if "U" in flags else 0) | (lx.END if "Y" in flags else 0)
        out[word] |= f
        if not f & lx.NAME:
            common.add(word)
        for flag in flags:
            for strip, add, cont, cond in rules.get(flag, ()):
                if (cond and not cond.search(word)) or not word.endswith(strip):
                    continue
                form = word[: len(word) - len(strip)] + add
                g = (f & lx.NAME) | lx.HUNSPELL | (0 if "Z" in cont else lx.WORD)
                g |= (lx.BEGIN if "X" in cont else 0) | (lx.MIDDLE if "U" in cont else 0)
                g |= lx.END if "Y" in flags and "W" not in cont else 0
                out[form] |= g
                if not g & lx.NAME:
                    common.add(form)
    return {w: f & ~lx.NAME if w in common else f for w, f in out.items()}


def latin1(form: str) -> bool:
    return regex.fullmatch(r"\p{L}[\p{L}\-:.]*", form) is not None and form.encode("latin-1", "ignore").decode("latin-1") == form


def wordfreq_forms() -> dict[str, float]:
    """wordfreq's Swedish words made of letters, with their Zipf frequency."""
    freqs = wordfreq.get_frequency_dict("sv")
    return {w: round(math.log10(f) + 9, 2) for w, f in sorted(freqs.items()) if latin1(w)}


def clean_reports(corpus: Path) -> list[Path]:
    """Corpus files whose text keeps its Swedish letters (at least 2% of letters)."""
    out = []
    for path in sorted(corpus.iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        letters = sum(ch.isalpha() for ch in text)
        if letters and sum(ch in SWEDISH_LETTERS for ch in text) / letters >= 0.02:
            out.append(path)
    return out


def running_text(path: Path) -> str:
    """A report's text with line-end hyphenation joined."""
    return HYPHEN_JOIN.sub(r"\1", path.read_text(encoding="utf-8"))


PROSE_MIN_COUNT = 2  # a prose word seen once may be a typo or a fragment
PROSE_MIN_DOCUMENTS = 2  # ... and one document's habit is no word of the language
PLAIN_MARGIN = 1.0  # a plain form ten times commoner than its twin with å/ä/ö is a word of its own ("trade", "base")
REPORT_WEIGHT = 0.5  # the domain frequency: the reports' share beside the prose corpus's (same weight: the reports' register, the prose's volume)


def build_lexicon(reports: sources.Counts, prose: sources.Counts, places: set[str]) -> dict:
    """The table rows (form -> flags, zipf) and a summary.

    Sources: Hunspell's forms, wordfreq's list, the clean reports' words, the
    prose corpus's words (PROSE_MIN_COUNT times in PROSE_MIN_DOCUMENTS
    documents) and the gazetteer's place names.
    """
    hs = hunspell_forms(HUNSPELL / "sv_SE.dic", HUNSPELL / "sv_SE.aff")
    wf = wordfreq_forms()
    counts = reports.words
    kept_prose = {w for w, n in prose.words.items() if n >= PROSE_MIN_COUNT and prose.documents[w] >= PROSE_MIN_DOCUMENTS and latin1(w)}
    places = {w for w in places if latin1(w)}
    flags: dict[str, int] = {w: f for w, f in hs.items() if latin1(w)}
    # Web text and reports quote words stripped of their letters ("ocksa",
    # "uppfoljning-av-omstallningen"): such a form is no word of its own when
    # the dictionary, a clean text or a place name has a word with å/ä/ö and its
    # key, unless the plain form is far the commoner ("trade" beside "träde").
    seen = domain_zipf(counts, Counter({w: prose.words[w] for w in kept_prose}), set(counts) | kept_prose)
    accented: dict[str, float] = {}
    for w in [*hs, *counts, *kept_prose, *places]:
        if any(c in SWEDISH_LETTERS for c in w):
            k = lx.key(w)
            accented[k] = max(accented.get(k, FLOOR_ZIPF), wf.get(w, 0.0), seen.get(w, 0.0))

    def stripped(w: str) -> bool:
        return w not in hs and w == lx.key(w) and w in accented and max(wf.get(w, 0.0), seen.get(w, 0.0)) <= accented[w] + PLAIN_MARGIN

    for w in wf:
        flags[w] = flags.get(w, 0) | (0 if stripped(w) else lx.WORD)
    for w, n in counts.items():
        if latin1(w) and not stripped(w) and (w in flags or n >= CORPUS_MIN_COUNT):
            flags[w] = flags.get(w, 0) | lx.CORPUS | lx.WORD
    for w in kept_prose:
        if not stripped(w):
            flags[w] = flags.get(w, 0) | lx.CORPUS | lx.WORD
    common = {w for w, f in flags.items() if f & lx.HUNSPELL and not f & lx.NAME}
    lower_case = {w for w, n in prose.lower.items() if n > (1 - sources.NAME_SHARE) * (n + prose.capital[w])}
    for w in places:  # a place name that is also a common word ("Mark", "Vara") is no name to capitalise
        flags[w] = flags.get(w, 0) | lx.CORPUS | lx.WORD | (0 if w in common or w in lower_case else lx.NAME)
    for w in reports.names() | prose.names():
        if w in flags:
            flags[w] |= lx.NAME
    domain = domain_zipf(counts, Counter({w: prose.words[w] for w in kept_prose}), {w for w, f in flags.items() if f & lx.CORPUS})
    rows = sorted(flags, key=lambda f: (lx.key(f), f))
    return {"rows": rows, "flags": flags, "zipf": wf, "domain": domain, "hunspell": len(hs), "wordfreq": len(wf), "corpus": len(counts), "prose": len(kept_prose), "places": len(places)}


def domain_zipf(reports: Counter, prose: Counter, forms: set[str]) -> dict[str, float]:
    """Zipf frequency in clean public-sector text: the reports and the prose corpus mixed by REPORT_WEIGHT."""
    r_total, p_total = sum(reports.values()) or 1, sum(prose.values()) or 1
    weight = REPORT_WEIGHT if prose else 1.0
    out = {}
    for w in sorted(forms):
        p = weight * reports[w] / r_total + (1 - weight) * prose[w] / p_total
        if p > 0:
            out[w] = round(math.log10(p) + 9, 2)
    return out


def write_table(path: Path, lex: dict, sources: dict) -> None:
    """Into a new file, renamed over the old: running processes map the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(lx.write_table(lex["rows"], lex["flags"], lex["zipf"], lex["domain"], sources))
    os.replace(tmp, path)




# ---------------------------------------------------------------- channel
DAMAGED_TOKEN = regex.compile(r"[\p{L}\p{N}&|\[\]@#{}]+")
EXCERPT_NAME = regex.compile(r"(\d{3})_(\d{4})-(\d{4})\.txt")


def held_out_lines(annotations: Path, report: str) -> list[tuple[int, int]]:
    """Line ranges of `report` that hand-corrected excerpts cover (they are the test set)."""
    ranges = set()
    for path in annotations.glob("ocr/*/*.txt"):
        m = EXCERPT_NAME.fullmatch(path.name)
        if m and m.group(1) == report:
            ranges.add((int(m.group(2)), int(m.group(3))))
    return sorted(ranges)


def training_text(path: Path, held_out: list[tuple[int, int]]) -> str:
    """The damaged report without its held-out lines, line-end hyphenation joined."""
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for n, line in enumerate(lines, 1) if not any(a <= n <= b for a, b in held_out)]
    return HYPHEN_JOIN.sub(r"\1", "\n".join(kept))


def damaged_tokens(text: str) -> list[str]:
    return [t for t in DAMAGED_TOKEN.findall(text) if regex.search(r"\p{L}", t)]


def twin_counts(damaged: list[str], clean: list[str]) -> Counter:
    """Letter confusions from the passages a damaged report shares with its clean twin.

    Words are matched on their consonant skeleton (vowels, d and digits are
    what the scanner garbles), runs of three or more matches are aligned
    letter by letter.
    """
    def skeleton(w: str) -> str:
        return regex.sub(r"[aeiouyåäöéd\p{N}&|\[\]@#{}]", "", w.lower()) or w[:1].lower()

    matcher = difflib.SequenceMatcher(None, [skeleton(w) for w in damaged], [skeleton(w) for w in clean], autojunk=False)
    counts: Counter = Counter()
    for block in matcher.get_matching_blocks():
        if block.size < 3:
            continue
        for k in range(block.size):
            pairs = align(clean[block.b + k].lower(), observed_form(damaged[block.a + k]))
            for pair in pairs or ():
                counts[pair] += 1
    return counts


SPECIAL = "åäö"
OPEN_COUNT = {"symbol_for_special": 0.5, "symbol_for_letter": 0.05, "letter_for_special": 0.05, "letter_for_letter": 0.05}


def open_counts(tokens: Counter, twin: Counter) -> Counter:
    """The starting channel: the twin-report confusions (those seen twice, or
    involving å/ä/ö), and small open counts that let any digit, symbol or
    letter seen inside a word stand for å/ä/ö, and any digit, symbol or capital
    I stand for any letter, so that learning can find what the twin passages
    do not show."""
    counts = Counter({(t, o): n for (t, o), n in twin.items() if n >= 2 or t in SPECIAL})
    letters = sorted({t for t, _ in twin if t.isalpha()} | set(SPECIAL))
    symbols = sorted({ch for tok in tokens for ch in tok if not ch.isalpha()})
    observed = sorted({ch for tok in tokens for ch in tok if ch.isalpha()})
    seen = sorted({o for (t, o), n in counts.items() if t in SPECIAL and len(o) == 1})
    for t in letters:
        for s in symbols:
            counts[t, s] += OPEN_COUNT["symbol_for_special" if t in SPECIAL else "symbol_for_letter"]
        for o in observed:
            if t in SPECIAL or o.isupper():  # observed_form keeps only a misread capital I
                counts[t, o] += OPEN_COUNT["letter_for_special" if t in SPECIAL else "letter_for_letter"]
        if t in SPECIAL:
            for a in seen:  # a double misread is two misreads of kinds already seen
                for b in seen:
                    counts[t, a + b] += OPEN_COUNT["letter_for_special"]
            counts[t, ""] += OPEN_COUNT["symbol_for_special"]
    return counts


MIN_TYPES = 3  # a confusion of an ordinary letter must show in this many different words


def supported(counts: Counter, types: dict[tuple[str, str], set[str]], min_count: int = 2) -> Counter:
    """The pairs seen `min_count` times; a confusion of an ordinary letter
    ("1" for "l") must also show in MIN_TYPES different words, for one
    misread word read again and again ("4r" taken for "er") is no evidence."""
    return Counter({
        (t, o): n
        for (t, o), n in counts.items()
        if n >= min_count and (t == o or t in SPECIAL or len(types[t, o]) >= MIN_TYPES)
    })


def learn_channel(tokens: Counter, counts: Counter, lex: lx.Lexicon, rounds: int = 3) -> Counter:
    """Hard EM: read every training token with the current channel (word
    frequencies, no context), count the letter-to-piece pairs of the best
    readings, re-estimate, keep the `supported` pairs."""
    for _ in range(rounds):
        channel = Channel(counts)
        counts = Counter()
        types: dict[tuple[str, str], set[str]] = defaultdict(set)
        for token, n in sorted(tokens.items()):
            found = readings(token, channel, lex, limit=1)
            if found:
                for pair in zip(found[0].form, found[0].pieces):
                    counts[pair] += n
                    types[pair].add(token)
        counts = supported(counts, types)
    return counts


# ---------------------------------------------------------------- context
PROSE_MIN_PAIR = 2  # a word pair of the prose corpus seen once is left to the smoothing


def bigram_counts(reports: sources.Counts, prose: sources.Counts) -> Counter:
    """Word pairs of the clean reports and of the prose corpus (lower case, numbers as <num>)."""
    return reports.bigrams + Counter({pair: n for pair, n in prose.bigrams.items() if n >= PROSE_MIN_PAIR})


def write_bigrams(path: Path, counts: Counter) -> None:
    """Into a new file, renamed over the old: running processes map the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(context_table(counts))
    os.replace(tmp, path)


UNSEEN_COUNT = 0.5  # a misread of å/ä/ö that training never confirmed: half a sighting (the scanner's rarer ones show once a report: "&" or "9" for ö)
DOUBLE_MIN_COUNT = 5  # learned misreads this common make doubles ("od" for ö: "o" and "d" in a row)


def unseen_misreads(counts: Counter, tokens: Counter) -> Counter:
    """The learned channel, and UNSEEN_COUNT for each misread of å, ä or ö that
    training did not confirm but that is of a kind the scanner makes: any
    letter seen in report 000's tokens, any digit, any symbol the channel
    reads, a dropped letter, and two learned misreads in a row."""
    symbols = {o for _, o in counts if len(o) == 1 and not o.isalnum()}
    pieces = sorted({ch for tok in tokens for ch in tok if ch.isalpha() or ch in symbols} | set("0123456789") | {""})
    out = Counter(counts)
    for t in SPECIAL:
        single = sorted(o for (u, o), n in counts.items() if u == t and len(o) == 1 and n >= DOUBLE_MIN_COUNT)
        for piece in pieces + [a + b for a in single for b in single]:
            if (t, piece) not in out:
                out[t, piece] = UNSEEN_COUNT
    return out


SUBSTITUTION_MIN_TYPES = 2  # a letter read as another must show in this many different words
SUBSTITUTION_COST = 6.0  # ... and the rest of the word must read as a word at this channel cost or less (log units)


def letter_misreads(tokens: Counter, counts: Counter, lex: lx.Lexicon) -> Counter:
    """Ordinary letters read as another letter ("i" for "l" in "omstaliningen",
    "f" for "t" in "konfinuiteten"): among the training tokens the channel
    reads as no word a source vouches for, the one-letter substitutions that
    alone make them such a word, counted by occurrence; kept when seen in
    SUBSTITUTION_MIN_TYPES different tokens."""
    channel = Channel(counts)
    found: Counter = Counter()
    types: dict[tuple[str, str], set[str]] = defaultdict(set)

    def explained(token: str, cheaply: bool = False) -> bool:
        r = readings(token, channel, lex, limit=1)
        if cheaply:  # a whole word, at the cost of a few likely misreads
            return bool(r) and bool(lex.flags(r[0].form) & lx.TRUSTED) and r[0].channel > -SUBSTITUTION_COST
        return bool(r) and (len(r[0].parts) > 1 or bool(lex.flags(r[0].form) & lx.TRUSTED))

    for token, n in sorted(tokens.items()):
        if not token.isalpha() or len(token) < 3 or explained(token):
            continue
        fixes = {
            (x, c)
            for i, c in enumerate(token)
            for x in "abcdefghijklmnopqrstuvwxyz"
            if x != c.lower() and explained(token[:i] + x + token[i + 1 :], cheaply=True)
        }
        if len(fixes) == 1:
            (pair,) = fixes
            found[pair] += n
            types[pair].add(token)
    return Counter({pair: n for pair, n in found.items() if len(types[pair]) >= SUBSTITUTION_MIN_TYPES})


SYMBOL_SHARE = 0.01  # before the context round, a digit or symbol stands for a letter 1% as often as the letter itself


def context_round(text: str, counts: Counter, lex: lx.Lexicon, bigrams: Counter) -> Counter:
    """One more EM step with the full model, context included, on the running
    text: standalone tokens such as "1" for "i" are only told apart in context,
    so each digit and symbol first gets a fair chance to stand for each letter."""
    totals: Counter = Counter()
    for (t, _), n in counts.items():
        totals[t] += n
    symbols = {o for _, o in counts if len(o) == 1 and not o.isalpha()} | {c for c in text if c.isdigit()}
    counts = counts + Counter({(t, o): SYMBOL_SHARE * n for t, n in totals.items() for o in symbols})
    model = Model(Channel(counts), lex, Context.from_bigrams(bigrams), TokenChannel({}))
    out: Counter = Counter()
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for tok, k, _ in decode(text, model):
        option = tok.options[k]
        for pair in zip(option.form, option.pieces or ()):
            out[pair] += 1
            types[pair].add(tok.word.lower())
    return supported(out, types)


MIN_TOKEN_COUNT = 3
TOKEN_SHARE = 0.25  # a lone character must stand for the word in this share of its occurrences
COMMON_LETTER_ZIPF = 5.5  # one-letter words ("i", "a", "e", "s") a lone digit or symbol may stand for


def token_rounds(text: str, counts: Counter, lex: lx.Lexicon, bigrams: Counter, rounds: int = 5) -> dict:
    """Soft EM for one-character tokens in context: which word a lone "1",
    "r" or "|" stands for. Candidates: the words the letter channel reads the
    character as, common one-letter words for a digit or symbol, and the
    character with a lost å, ä or ö beside it ("r" -> "är"); each starts at
    2%. Returns (word, observed) -> (count, of)."""
    channel, context = Channel(counts), Context.from_bigrams(bigrams)
    # Lone letters and digits, and the symbols the scanner also puts inside words ("&r", "[dkar").
    stand_ins = set(regex.findall(r"([^\p{L}\p{N}\s])\p{L}", text))
    singles = sorted({o for o in regex.findall(r"(?<!\S)\S(?!\S)", text) if o.isalnum() or o in stand_ins})
    singles = sorted(set(map(observed_form, singles)))
    letters = [w for w in "abcdefghijklmnopqrstuvwxyzåäö" if (e := lex.lookup(w)) and e.zipf >= COMMON_LETTER_ZIPF]
    pairs: dict[tuple[str, str], tuple[float, float]] = {}
    for o in singles:
        words = {r.form for r in readings(o, channel, lex)} | {w for x in SPECIAL for w in (x + o.lower(), o.lower() + x)}
        words |= set(letters) if not o.isalpha() else {o.lower()}
        for w in sorted(words):
            entry = lex.lookup(w)
            if entry and entry.flags & lx.WORD and entry.flags & lx.TRUSTED:
                pairs[w, o] = (1.0, 50.0) if w != o else (49.0, 50.0)
    for _ in range(rounds):
        model = Model(channel, lex, context, TokenChannel(pairs))
        seen: Counter = Counter()
        of: Counter = Counter()
        tokens: Counter = Counter()
        words = {w for w, _ in pairs}
        for tok, _, probs in decode(text, model):
            o = observed_form(tok.word)
            tokens[o] += 1
            for option, p in zip(tok.options, probs):
                if option.form in words:
                    of[option.form] += p
                    seen[option.form, o] += p if len(o) == 1 else 0
        # A reading must explain a fair share of its character's tokens; a word
        # keeps its read-right row only beside some misreading.
        misread = {(w, o) for (w, o) in pairs if w != o and seen[w, o] >= max(MIN_TOKEN_COUNT, TOKEN_SHARE * tokens[o])}
        kept = misread | {(w, o) for (w, o) in pairs if w == o.lower() and any(m[0] == w for m in misread)}
        pairs = {(w, o): (seen[w, o], of[w]) for (w, o) in sorted(kept)}
    return pairs


def write_confusions(path: Path, counts: Counter, notes: list[str]) -> None:
    rows = sorted(counts.items(), key=lambda x: (x[0][0], -x[1], x[0][1]))
    head = "".join(f"# {n}\n" for n in notes) + "# true\tobserved\tcount\n"
    path.write_text(head + "".join(f"{t}\t{o or DELETED}\t{n}\n" for (t, o), n in rows), encoding="utf-8")


def write_token_counts(path: Path, pairs: dict, notes: list[str]) -> None:
    head = "".join(f"# {n}\n" for n in notes) + "# word\tobserved\tcount\tof\n"
    rows = "".join(f"{w}\t{o}\t{n:.1f}\t{of:.1f}\n" for (w, o), (n, of) in sorted(pairs.items()))
    path.write_text(head + rows, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reformtrace.repair.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--prose", type=Path, default=shared_path("corpus-dev/g0vse-unlabelled.jsonl.gz"), help="unlabelled clean Swedish prose, JSON lines with a `text` field (gzip)")
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    parser.add_argument("--damaged", default="000", help="id of the damaged report to learn the channel from")
    parser.add_argument("--keep-lexicon", action="store_true", help="do not rebuild the lexicon table")
    args = parser.parse_args(argv)
    if not args.prose.exists():
        raise SystemExit(f"no prose corpus at {args.prose}: pass --prose PATH")
    clean = clean_reports(args.corpus)
    reports = sources.count(running_text(p) for p in clean)
    prose = sources.count(sources.prose_texts(args.prose))
    if not args.keep_lexicon:
        places = sources.place_names(DATA / "gazetteer")
        lex_rows = build_lexicon(reports, prose, places)
        inputs = {
            "hunspell-sv": metadata.version("hunspell-sv"),
            "wordfreq": metadata.version("wordfreq"),
            "clean_reports": [p.name for p in clean],
            "prose": f"{args.prose.name} sha256:{hashlib.sha256(args.prose.read_bytes()).hexdigest()[:16]}",
            "places": sorted(f"gazetteer/{f}" for f in sources.PLACES if (DATA / "gazetteer" / f).exists()),
        }
        write_table(DATA / "lexicon" / lx.TABLE, lex_rows, inputs)
        print(f"lexicon: {len(lex_rows['rows'])} forms (hunspell {lex_rows['hunspell']}, wordfreq {lex_rows['wordfreq']}, "
              f"report types {lex_rows['corpus']}, prose types {lex_rows['prose']}, place names {lex_rows['places']})")
        lx.load.cache_clear()
    bigrams = bigram_counts(reports, prose)
    write_bigrams(DATA / "lexicon" / BIGRAMS, bigrams)
    print(f"bigrams: {len(bigrams)} pairs from {len(clean)} clean reports and the prose corpus")

    (damaged_path,) = sorted(args.corpus.glob(f"{args.damaged}_*"))
    held_out = held_out_lines(args.annotations, args.damaged)
    text = training_text(damaged_path, held_out)
    tokens = Counter(observed_form(t) for t in damaged_tokens(text))
    twin_path = min(clean, key=lambda p: p.name)  # the same yearly follow-up, one year earlier
    twin = twin_counts(damaged_tokens(text), damaged_tokens(running_text(twin_path)))
    counts = learn_channel(tokens, open_counts(tokens, twin), lx.load())
    for _ in range(2):
        counts = context_round(text, counts, lx.load(), bigrams)
    counts = unseen_misreads(counts + letter_misreads(tokens, counts, lx.load()), tokens)
    notes = [
        f"OCR channel learned from {damaged_path.name} without its held-out lines {held_out}",
        f"(the hand-corrected excerpts), seeded by aligning passages shared with {twin_path.name};",
        "hard EM over word types, then two rounds in context, then letters read as another letter in tokens",
        "nothing else explains, and half a count for each unconfirmed misread of å/ä/ö of the scanner's kinds",
        "(python -m reformtrace.repair.build).",
    ]
    write_confusions(DATA / "ocr" / "confusions.tsv", counts, notes)
    print(f"channel: {len(counts)} letter/piece pairs, {sum(1 for t, o in counts if t != o)} of them confusions")
    pairs = token_rounds(text, counts, lx.load(), bigrams)
    write_token_counts(DATA / "ocr" / "tokens.tsv", pairs, notes[:2] + ["soft EM in context over one-character tokens (python -m reformtrace.repair.build)."])
    print(f"tokens: {len(pairs)} one-character token readings")
    ocr = args.annotations / "ocr"
    damage = simulate.learn(ocr / "damaged", ocr / "gold")
    simulate.write_table(DATA / "ocr" / simulate.DAMAGE, damage, [
        f"Damage of report 000 for measuring repair on unseen text: letters of the hand-corrected excerpts in {ocr}",
        "aligned with their damaged tokens, counted by position (python -m reformtrace.repair.build; read by pipeline/repair/simulate.py).",
    ])
    print(f"damage: {sum(damage.values())} letters, {sum(n for (_, t, o), n in damage.items() if t != o)} of them damaged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
