"""The rule layer: taxonomy cues found in Swedish text, with compounds and inflections.

spaCy's Swedish tokenizer rules split the text (tokenizer.py); every token is then reduced to *units*:
its lemma (spaCy's Swedish lookup table from spacy-lookups-data, built into
pipeline/data/lemmas/ by lemmas.py, extended to compounds through their last
part), split where a cue word is the first or last part of a compound.
"SIP-arbetet" -> SIP arbete, "mobilteamen" -> mobil team, "utskrivningsprocessen"
-> utskrivning process, "kommunhemsjukvården" -> kommun hemsjukvård. Cues go
through the same reduction, and a phrase matcher over the units finds them; so
a cue written once in its base form matches its inflections, its compounds and,
for a phrase, its closed compound.

A mention in a table of contents, a list of sources or of bodies (bodies.py) or a running footer caught in a passage is no evidence; a mention with a negation just
before it ("inga mobila team") is kept, marked negated, so that the decision
layer can weigh it apart from a plain mention. A text about another part of care
than a goal's ("utbildningsinsatser" for ambulance staff) gives that goal no evidence
through an intervention, unless it names one of the goal's context phrases.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple
from functools import cached_property
from itertools import accumulate, compress, count

import regex

from reformtrace.annotate.bodies import is_list_of_bodies
from reformtrace.annotate.lemmas import LemmaTable, lemma_table
from reformtrace.annotate.taxonomy import Taxonomy
from reformtrace.annotate.tokenizer import load_rules, swedish

STOP_WORDS = frozenset(load_rules()["stop_words"])  # spaCy's Swedish stop words

SEGMENT_SPLIT = regex.compile(r"[-–/.]+")
ACRONYM = regex.compile(r"^\p{Lu}[\p{L}\d]*\p{Lu}[\p{L}\d]*$")  # two capitals or more: SIP, ASIH, FaR
ACRONYM_INFLECTED = regex.compile(r"^(\p{Lu}[\p{Lu}\d]+):\p{Ll}+$")  # SIP:ar, SIP:en
WORDLIKE = regex.compile(r"[\p{L}\p{N}]")
WEB_ADDRESS = regex.compile(r"^(?:https?://|www\.)", regex.IGNORECASE)  # a reference, not text: no cues in it
TRUNCATED = regex.compile(r"^\p{L}{2,}-$")  # a compound's first part sharing the next word's head: "styr-"
CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive"})
# a reference in a list of sources: "Stockholm: Socialstyrelsen; 2015", "Hämtad från: http://..."
REFERENCE = regex.compile(r":\s[^:;\n]{2,80};\s?(?:19|20)\d\d\b|[Hh]\s?ämtad\s+från")
TOC_LINE = regex.compile(r"(?:\.{3,}|…|(?:\s\.){3,})\s*\d+\s*$|\t\s*\d+\s*$")
SPACED_DOT = regex.compile(r"\s\.")  # part of the spaced leader ". . ." that a TOC_LINE may end in
SENTENCE_END = frozenset({".", "!", "?", "…", "•"})
EXCLUDE, WEAK, CONTEXT, OWN, ELSEWHERE, UNRELATED = "exclude", "weak", "context", "own", "elsewhere", "unrelated"  # kinds of phrase beside a label's cues
LOOSE, TOPIC, IMPLIED_TOPIC, CARE_CUE = "loose", "topic", "implied_topic", "care_cue"
SUFFIXES = frozenset({"are", "ande", "ende", "het", "isk", "lig", "ning", "else"})  # word-forming endings, no words
MIN_PART = 3  # letters in the rest of a compound after or before a cue word
ENDINGS = ("ernas", "arnas", "ornas", "erna", "arna", "orna", "rnas", "rna", "ens", "ets", "nas",
           "en", "et", "na", "er", "ar", "or", "s", "n", "r", "t", "a", "e")  # noun and adjective endings


FOOTNOTE_MARK = regex.compile(r"(?<=\p{L}\)?[.,;:])\d{1,3}(?=\s|$)")


def blank_footnote_marks(text: str) -> str:
    """A footnote number glued to a word's stop ("läkarkontakt.22") blanked, so that the
    word is a token of its own; the length, and so every offset, stays."""
    return FOOTNOTE_MARK.sub(lambda m: " " * len(m[0]), text)


# a report's running line caught inside a passage, at its start or end: a page number, a chapter's title and the
# report's title and publisher in capitals ("52 Tillgänglig vård och omsorg VÅRD OCH OMSORG OM ÄLDRE – LÄGESRAPPORT
# 2016 SOCIALSTYRELSEN"); four words in capitals or more, so that a sentence with an acronym is no running line
_CAPITALS = r"(?:\p{Lu}{2,}[\s–-]+(?:\d{4}[\s–-]+)?){3,}\p{Lu}{2,}"
RUNNING_LINE = regex.compile(
    rf"(?:^|(?<=\s))\d{{1,4}}\s+[^.!?\n]{{0,80}}?{_CAPITALS}\s*$"  # page number first: an even page's
    rf"|(?:^|(?<=\s)){_CAPITALS}[^.!?\n]{{0,80}}?\s\d{{1,4}}\s*$"  # page number last: an odd page's
    rf"|^\d{{1,4}}\s+[^.!?\n]{{0,80}}?{_CAPITALS}(?=\s+\p{{Lu}}\p{{Ll}})"  # at the start, before the passage's first word
)
CAPITALS_RUN = regex.compile(_CAPITALS)  # what every running line holds, looked for alone first


def blank_running_lines(text: str) -> str:
    """A running header or footer inside a passage blanked: a chapter's title in it is no evidence
    ("Tillgänglig vård och omsorg" names the chapter on every page). The length, and so every offset, stays."""
    if not CAPITALS_RUN.search(text):
        return text  # no four words in capitals (nearly every passage): no running line, and no pass of the full pattern
    return RUNNING_LINE.sub(lambda m: " " * len(m[0]), text)


@dataclass(frozen=True)
class Hit:
    """One cue found in a text: which label, which cue, where, and whether negated."""

    label: str
    cue: str
    surface: str
    start: int  # character span in the text
    end: int
    negated: bool = False

    def describe(self) -> str:
        neg = " (negated)" if self.negated else ""
        return f'rule "{self.cue}": "{self.surface}"{neg}'


@dataclass(frozen=True)
class Analysis:
    """What the rule layer saw in one text: tokens, units and cue hits."""

    tokens: tuple[str, ...]  # token texts, punctuation and spaces left out
    units: tuple[tuple[str, ...], ...]  # each token's lemmatised compound parts
    hits: tuple[Hit, ...]
    toc: bool  # the text is a table of contents or a list of sources: its hits are dropped

    @cached_property
    def labels(self) -> frozenset[str]:
        """Labels with at least one plain (not negated) hit."""
        return frozenset(hit.label for hit in self.hits if not hit.negated)


class KnownWords:
    """The words the lemma table knows, as forms or as lemmas; it reads the table
    rather than copying its 660,000 forms into a set (a tenth of a second a load)."""

    __slots__ = ("table", "lemmas")

    def __init__(self, table: LemmaTable):
        self.table = table
        self.lemmas = table.lemmas()

    def __contains__(self, word: str) -> bool:
        return word in self.table or word in self.lemmas


class WordAnalyser:
    """Token text -> units (lemmas of its compound parts), cached per word form."""

    def __init__(self, words: Iterable[str]):
        self.table = lemma_table()
        self.known = KnownWords(self.table)
        segments = {s for word in words for s in SEGMENT_SPLIT.split(word) if WORDLIKE.search(s)}
        # function words ("om", "med", "till") are no compound parts: "omsorg" is not om + sorg
        lemmas = {self.lemma(s.lower()) for s in segments if not ACRONYM.match(s)}
        self.stems = {lemma for lemma in lemmas if len(lemma) >= 2} - STOP_WORDS
        self.modifiers = _modifier_table(self.stems)
        self.memo: dict[str, tuple[str, ...]] = {}  # token -> units

    def lemma(self, word: str) -> str:
        """Lemma of a lower-case word; an unknown compound takes the lemma of its last part.
        The table reads a noun that looks like a verb's imperative as the verb ("vård" ->
        vårda, "plan" -> plana), and merges function words ("första" and "den" -> en);
        such words are kept as they are, for cues are mostly nouns. A lemma that the table
        reads further is followed, so that all forms meet: "uppdraget" -> uppdrag -> uppdra
        as "uppdrag", "lärandet" -> lärande -> lära as "lärande"."""
        lemma = self.table.get(word)
        if lemma is not None:
            if lemma == word + "a" or word in STOP_WORDS:
                return word
            seen = {word}
            while lemma not in seen and lemma not in STOP_WORDS and self.table.get(lemma, lemma) not in (lemma, lemma + "a"):
                seen.add(lemma)
                lemma = self.table[lemma]
            return lemma
        if word in self.known:
            return word
        for i in range(2, len(word) - 4):  # heads of five letters or more
            head = word[i:]
            if head in self.table:
                return word[:i] + self.lemma(head)
        return word

    def units(self, token: str) -> tuple[str, ...]:
        cached = self.memo.get(token)
        if cached is None:
            cached = self.memo[token] = self._units(token)
        return cached

    def _units(self, token: str) -> tuple[str, ...]:
        inflected = ACRONYM_INFLECTED.match(token)
        if inflected:
            return (inflected.group(1),)
        out: list[str] = []
        for segment in SEGMENT_SPLIT.split(token):
            if not WORDLIKE.search(segment):
                continue
            out.extend((segment,) if ACRONYM.match(segment) else self._decompose(segment.lower(), 0))
        return tuple(out)

    def _decompose(self, word: str, depth: int) -> tuple[str, ...]:
        """Split a lower-case word where a cue word is its first or last part."""
        stem = self._stem_of(word)
        if stem or depth > 2 or len(word) < 2 * MIN_PART - 1:
            return (stem or self.lemma(word),)
        lemma = self.lemma(word)
        if lemma != word and word in self.table:  # a form the table knows: split its lemma ("könen" is kön, not kö + nen)
            return self._decompose(lemma, depth + 1)
        for i in range(len(word) - MIN_PART, 1, -1):  # a cue word as first part, longest first
            first = self.modifiers.get(word[:i])
            if first and self._is_word(word[i:]):
                return (first, *self._decompose(word[i:], depth + 1))
        for i in range(MIN_PART, len(word) - MIN_PART + 1):  # a cue word as last part, longest first
            head = self._stem_of(word[i:])
            if head and self._is_modifier(word[:i]):
                return (self._modifier_lemma(word[:i]), head)
        return (self.lemma(word),)

    def _stem_of(self, word: str) -> str | None:
        """The cue word that `word` is an inflection of, if any. The lemma table decides for
        the words it knows; an unknown word (mostly a compound) may be a cue word plus an
        inflectional ending: "läkarkontakten", "distansmonitoreringen"."""
        lemma = self.lemma(word)
        if lemma in self.stems:
            return lemma
        if word in self.known:
            return None
        return next((word[: -len(e)] for e in ENDINGS if word.endswith(e) and word[: -len(e)] in self.stems), None)

    def head(self, word: str) -> str | None:
        """The last part of a compound, shortest first: "projektgrupper" -> "grupper"."""
        for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            if word[i:] in self.known and self._is_modifier(word[:i]):
                return word[i:]
        return None

    def _is_word(self, rest: str) -> bool:
        """A real word or a compound of real words, so that "kö" + "rning" is no split, and
        no derivational suffix: "utbildare" is a trainer, not utbilda + are."""
        if rest in SUFFIXES:
            return False
        if rest in self.known or rest in self.modifiers:
            return True
        return any(
            rest[i:] in self.known and self._is_modifier(rest[:i]) for i in range(MIN_PART, len(rest) - MIN_PART + 1)
        )

    def _is_modifier(self, part: str) -> bool:
        return self._modifier_lemma(part) in self.known

    def _modifier_lemma(self, part: str) -> str:
        """The word a compound's first part stands for: "läkar" -> läkare, "utskrivnings" -> utskrivning."""
        for candidate in (part, part[:-1] if part.endswith("s") else None, part + "e", part + "a"):
            if candidate and candidate in self.known:
                return self.lemma(candidate)
        return part


def _modifier_table(stems: Iterable[str]) -> dict[str, str]:
    """Each first-part form of the stems and its stem. Where two stems give one form
    ("vård" and "vårda" both give "vårds"), the stem the form begins with and is
    nearest to wins, whatever other cues the file holds."""
    options: dict[str, list[str]] = {}
    for stem in stems:
        for form in _modifier_forms(stem):
            options.setdefault(form, []).append(stem)
    return {form: min(stems, key=lambda stem: (not form.startswith(stem), len(form) - len(stem), stem)) for form, stems in options.items()}


def _modifier_forms(stem: str) -> set[str]:
    """How a word looks as the first part of a compound: hälsa -> hälso-, läkare -> läkar-."""
    forms = {stem, stem + "s"}
    if stem.endswith(("a", "e")):
        forms.update({stem[:-1], stem[:-1] + "s"})
    if stem.endswith("a"):
        forms.update({stem[:-1] + "o", stem[:-1] + "e"})
    return {form for form in forms if len(form) >= 2}


def is_references(text: str) -> bool:
    """A list of sources: two references or more (publisher and year, "Hämtad från"). A report's
    title in its bibliography is no evidence that the passage speaks of it."""
    if ";" not in text and "ämtad" not in text:
        return False  # neither a reference's ";" before its year nor "Hämtad från" (nearly every passage)
    return len(REFERENCE.findall(text)) >= 2


def is_toc(text: str) -> bool:
    """A table of contents: most lines end in dotted leaders or a tab and a page number."""
    if "..." not in text and "…" not in text and "\t" not in text and not SPACED_DOT.search(text):
        return False  # no line has leaders or a tab (nearly every passage): no need to test line by line
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and 2 * sum(1 for line in lines if TOC_LINE.search(line)) >= len(lines)


class _Word(NamedTuple):
    text: str
    units: tuple[str, ...]
    wordlike: bool  # not punctuation or space
    reach: int  # a negation: how many words before a cue it negates it (0: no negation)
    truncated: bool  # a compound's first part sharing the next word's head ("styr-"), not an acronym's
    ends: bool  # ends a sentence or list item: . ! ? • or a line break


class PhraseIndex:
    """Every occurrence of any of its phrases (sequences of strings) in a sequence,
    overlapping ones too, as spaCy's PhraseMatcher finds them."""

    def __init__(self) -> None:
        self._firsts: set[str] = set()  # the first item of every phrase
        self._one: dict[str, list[int]] = {}  # the keys of the phrases of one item, by the item
        self._longer: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = {}  # longer ones, by their first two items

    def add(self, key: int, phrase: tuple[str, ...]) -> None:
        if phrase:  # a cue with no units (a web address) matches nothing, as with PhraseMatcher
            self._firsts.add(phrase[0])
            if len(phrase) == 1:
                self._one.setdefault(phrase[0], []).append(key)
            else:
                self._longer.setdefault(phrase[:2], []).append((phrase, key))

    def __call__(self, items: list[str]) -> list[tuple[int, int, int]]:
        """(key, start, end) of each match, by start (at one start, the phrases of one item first)."""
        out = []
        one, longer, n = self._one, self._longer, len(items)
        for start in compress(count(), map(self._firsts.__contains__, items)):
            for key in one.get(items[start], ()):
                out.append((key, start, start + 1))
            # most items that start a longer phrase are followed by none of their phrases' second items
            for phrase, key in longer.get(tuple(items[start : start + 2]), ()):
                end = start + len(phrase)
                if end <= n and tuple(items[start:end]) == phrase:
                    out.append((key, start, end))
        return out


class Rules:
    """Finds the taxonomy's cues in texts (compiled once; `analyse` is the hot path)."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.tokenizer = swedish()
        phrases = [(label.id, cue) for label in taxonomy.labels for cue in label.cues]
        kinds = ((EXCLUDE, "exclude"), (WEAK, "weak_cues"), (CONTEXT, "context"), (OWN, "own_cues"), (ELSEWHERE, "elsewhere"),
                 (UNRELATED, "unrelated"), (LOOSE, "loose_cues"), (TOPIC, "topic"), (IMPLIED_TOPIC, "implied_topic"), (CARE_CUE, "care_cues"))
        for kind, field in kinds:
            phrases += [(f"{label.id}|{kind}", text) for label in taxonomy.labels for text in getattr(label, field)]
        phrases = list(dict.fromkeys(phrases))
        words = {token.text for _, text in phrases for token in self.tokenizer(text) if WORDLIKE.search(token.text)}
        self.words = WordAnalyser(words)
        # "inga mobila team": a negating determiner reaches over the window; "inte" negates the clause's
        # verb, so only a cue right after it ("har inte SIP", not "att den inte inkluderar hyrpersonal")
        self.reach = {word: 1 for word in taxonomy.clause_negations} | {word: taxonomy.negation_window for word in taxonomy.negations}
        self.max_reach = max(self.reach.values(), default=0)
        self.implies = {label.id: label.implies for label in taxonomy.labels if label.implies}
        # a text on health or social care: a word with one of these parts ("primärvården", "läkarbrist")
        self.care = regex.compile("|".join(regex.escape(part) for part in taxonomy.care), regex.IGNORECASE)
        # words that begin with a care part's look-alike and show no care ("regionalt samarbete" abroad, "Naturvårdsverket",
        # "vårdnadshavare"), blanked before that search
        not_care = "|".join(regex.escape(word) for word in taxonomy.not_care) or r"(?!)"
        self.not_care = regex.compile(rf"(?<!\p{{L}})(?:{not_care})\p{{L}}*", regex.IGNORECASE)
        self.source_heads = frozenset(taxonomy.source_heads)
        self.topical = {label.id for label in taxonomy.labels if label.implied_topic}  # goals implied only where named
        self.care_weak = {label.id for label in taxonomy.labels if label.weak_care}  # weak cues that count only in a text on care
        self.matcher = PhraseIndex()  # over units
        self.head_matcher = PhraseIndex()  # phrases over token heads
        self.cues: list[tuple[str, str, str]] = []  # match key (the file's order of phrases) -> (label id, kind of phrase or "" for a cue, its text)
        self.phrases: set[int] = set()  # match keys of cues of two or more words
        self._words: dict[str, _Word] = {}  # token text -> its analysis, grows with the vocabulary
        for match_id, (key, text) in enumerate(phrases):
            words = self._words_of([t.text for t in self.tokenizer(text)])
            units = self._units_of(words)[0]
            forms = {tuple(units)}
            if len(units) == 2:  # its closed compound: "fast läkarkontakt" -> "fastläkarkontakten"
                forms.add(self.words.units("".join(units)))
            label, _, kind = key.partition("|")
            self.cues.append((label, kind, text))
            for form in sorted(forms):
                self.matcher.add(match_id, form)
            heads = tuple(word.units[-1] for word in words if word.units)
            if len(heads) > 1:  # its last word also as the head of a compound: "mobila närvårdsteam"
                self.phrases.add(match_id)
                self.head_matcher.add(match_id, heads)

    def _word(self, text: str) -> _Word:
        word = self._words.get(text)
        if word is None:
            units = () if WEB_ADDRESS.match(text) else self.words.units(text)
            truncated = bool(TRUNCATED.match(text)) and not ACRONYM.match(text[:-1])
            ends = text in SENTENCE_END or "\n" in text
            word = self._words[text] = _Word(text, units, bool(WORDLIKE.search(text)), self.reach.get(text.lower(), 0), truncated, ends)
        return word

    def _words_of(self, texts: list[str]) -> list[_Word]:
        """Each token's analysis. A truncated compound takes the head of the compound after
        the conjunction: "styr- och projektgrupper" -> styrgrupper, "fast vård- eller
        läkarkontakt" -> vårdkontakt."""
        known = self._words.get
        words = [known(text) or self._word(text) for text in texts]
        for i in [i for i, word in enumerate(words) if word.truncated]:
            j = i + 1  # past further truncated parts of a list: "styr-, lednings- och projektgrupper"
            while j < len(words) and (words[j].text == "," or TRUNCATED.match(words[j].text)):
                j += 1
            if j + 1 < len(words) and words[j].text.lower() in CONJUNCTIONS and words[j + 1].text.isalpha():
                head = self.words.head(words[j + 1].text.lower())
                if head:
                    words[i] = words[i]._replace(units=self.words.units(words[i].text[:-1].lower() + head))
        return words

    def _units_of(self, words: list[_Word]) -> tuple[list[str], list[int]]:
        """The units of a token sequence, with the index of the token each comes from."""
        units = [unit for word in words for unit in word.units]
        owner = [i for i, word in enumerate(words) for _ in word.units]
        return units, owner

    def analyse(self, texts: Iterable[str]) -> list[Analysis]:
        """Tokens, units and cue hits of each text, in order."""
        return [self._analyse(text, *self.tokenizer.split(blank_footnote_marks(blank_running_lines(text)))) for text in texts]

    def _analyse(self, text: str, texts: list[str], starts: list[int]) -> Analysis:
        """One text's analysis, from its tokens' texts and offsets."""
        words = self._words_of(texts)
        units, owner = self._units_of(words)
        wordlike = [word for word in words if word.wordlike]
        tokens = tuple([word.text for word in wordlike])
        token_units = tuple([word.units for word in wordlike])
        toc = is_toc(text) or is_references(text) or is_list_of_bodies(text)  # a list of bodies names no topic
        if toc or not units:
            return Analysis(tokens, token_units, (), toc)
        excluded: dict[str, list[tuple[int, int]]] = {}
        sentence = self._sentences(words)
        context: dict[tuple[str, int], int] = {}  # (label, sentence) -> its context phrase there that the file lists first
        candidates, weak, own, loose = [], [], [], []
        elsewhere: set[str] = set()  # goals whose `elsewhere` phrase the text has
        topics: set[str] = set()  # labels whose `topic` phrase the text has, in any sentence
        implied_topics: set[str] = set()  # goals whose `implied_topic` phrase the text has
        general = []  # care cues: words of any policy field ("effektivitet", "arbetsgivare")
        unrelated: set[tuple[str, int]] = set()  # (label, sentence) with a phrase of another topic
        for match_id, start, end in self._matches(words, units, owner):
            if sentence[owner[start]] != sentence[owner[end - 1]]:  # a phrase does not run across sentences
                continue
            label, kind, cue = self.cues[match_id]
            if kind == EXCLUDE:
                excluded.setdefault(label, []).append((start, end))
            elif kind == ELSEWHERE:
                elsewhere.add(label)
            elif kind == UNRELATED:
                if not self._names_source(units, owner, end):  # "socialtjänstminister" names a person, no field
                    unrelated.add((label, sentence[owner[start]]))
            elif kind == TOPIC:
                topics.add(label)
            elif kind == IMPLIED_TOPIC:
                implied_topics.add(label)
            elif kind == CONTEXT:
                where = (label, sentence[owner[start]])
                context[where] = min(context.get(where, match_id), match_id)
            else:
                {WEAK: weak, OWN: own, LOOSE: loose, CARE_CUE: general}.get(kind, candidates).append((label, start, end, cue))
        for label, start, end, cue in weak:
            beside = context.get((label, sentence[owner[start]]))
            if beside is not None:  # a weak cue of every field's words ("effektiv" beside "resurser"): as a care cue
                (general if label in self.care_weak else candidates).append((label, start, end, f"{cue} (with {self.cues[beside][2]})"))
        # a loose cue ("samverkan") is the label's topic only in a text that names the label's field
        # (care givers, patients, municipalities): the state's or an agency's collaboration is not
        candidates += [c for c in loose if c[0] in topics]
        # a word of any policy field ("effektivisera", "arbetsgivare", "förebygga") is the label's topic only in a
        # text on care: tax collection made efficient or crime prevented is no evidence
        candidates += general if general and self.care.search(self.not_care.sub(" ", text)) else []  # (the search only where a care cue stands)
        # a cue in a sentence about another topic ("förebygga våld", "samverkan med polisen") is no evidence
        # for its label, nor through it for the goals it implies
        # nor is a cue inside one of its label's exclusions ("personer med hemsjukvård" names a group)
        # nor one that is only the first part of a compound naming a source or a body ("Väntetidsdatabasen")
        def stands(c: tuple[str, int, int, str]) -> bool:
            label, start, end = c[0], c[1], c[2]
            inside = any(s <= start and end <= e for s, e in excluded.get(label, ()))
            return not inside and (label, sentence[owner[start]]) not in unrelated and not self._names_source(units, owner, end)

        candidates = [c for c in candidates if stands(c)]
        own = [c for c in own if stands(c)]
        # a text about another part of care (ambulance staff training) that names none of a goal's context
        # phrases is no evidence for that goal through an intervention
        elsewhere -= {label for label, _ in context}
        implied = [
            (goal, start, end, f"{cue} (via {label})", cue.split(" (with ")[0])
            for label, start, end, cue in candidates for goal in self.implies.get(label, ())
            if goal not in elsewhere and (goal, sentence[owner[start]]) not in unrelated
        ]
        # a goal with an `implied_topic` is implied by one cue alone only in a text that names its topic (staff supply
        # is a stronger primary care where primary care or the regions are named, not in the state's policy)
        # or by two different cues ("hyrpersonal" and "hyrläkare")
        cues_for: dict[str, set[str]] = {}
        for goal, *_, base in implied:
            cues_for.setdefault(goal, set()).add(base)
        candidates += [c[:4] for c in implied if c[0] not in self.topical or c[0] in implied_topics or len(cues_for[c[0]]) > 1]
        candidates += own  # evidence for the intervention alone, not for the goals it implies
        hits: list[Hit] = []
        covered: dict[str, list[tuple[int, int]]] = {}
        # longest cue first, so that "fast läkarkontakt" is the hit, not also "läkarkontakt" inside it
        for label, start, end, cue in sorted(candidates, key=lambda c: (c[0], c[1] - c[2], c[1], c[3])):
            spans = excluded.get(label, []) + covered.get(label, [])
            if any(s <= start and end <= e for s, e in spans):
                continue
            covered.setdefault(label, []).append((start, end))
            first, last = owner[start], owner[end - 1]
            span = (starts[first], starts[last] + len(texts[last]))
            hits.append(Hit(label, cue, text[span[0] : span[1]], *span, self._negated(words, owner[start])))
        return Analysis(tokens, token_units, tuple(sorted(hits, key=lambda h: (h.start, h.label, h.cue))), toc)

    def _matches(self, words: list[_Word], units: list[str], owner: list[int]) -> list[tuple[int, int, int]]:
        """Cue matches as (key, first unit, end unit). A phrase of several words matches
        whole words ("i hemmet" is not in "i hemtjänsten"), except that its last word may
        be the head of a compound ("mobilt team" in "mobila närvårdsteamen")."""
        out = []
        for match_id, start, end in self.matcher(units):
            if match_id not in self.phrases:  # a cue of one word (most matches): part of a word too
                out.append((match_id, start, end))
            elif (start == 0 or owner[start - 1] != owner[start]) and (end == len(units) or owner[end] != owner[end - 1]):
                out.append((match_id, start, end))
        tokens = [i for i, word in enumerate(words) if word.units]
        heads = [words[i].units[-1] for i in tokens]
        found = self.head_matcher(heads)
        if found:
            first_unit = list(accumulate((len(word.units) for word in words), initial=0))  # word -> its first unit
            for match_id, start, end in found:
                if len(words[tokens[start]].units) == 1:  # the phrase starts with a whole word
                    out.append((match_id, first_unit[tokens[start]], first_unit[tokens[end - 1]] + len(words[tokens[end - 1]].units)))
        return out

    def _names_source(self, units: list[str], owner: list[int], end: int) -> bool:
        """The word of a cue ending at unit `end` goes on to a head that names a source or a body:
        "Väntetidsdatabasen", "Tillgänglighetsdelegationen" name a register and a delegation, no access."""
        last = end
        while last < len(units) and owner[last] == owner[end - 1]:
            last += 1
        return last > end and units[last - 1] in self.source_heads

    @staticmethod
    def _sentences(words: list[_Word]) -> list[int]:
        """The sentence number of each token: a sentence (or list item) ends at . ! ? • or a line break."""
        return list(accumulate((word.ends for word in words[:-1]), initial=0)) if words else []

    def _negated(self, words: list[_Word], index: int) -> bool:
        """A negation word that reaches the cue from before it, in the same clause."""
        for distance in range(1, min(index, self.max_reach) + 1):
            word = words[index - distance]
            if not word.wordlike:
                return False
            if word.reach >= distance:
                return True
        return False
