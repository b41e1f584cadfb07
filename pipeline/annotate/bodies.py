"""A list of bodies: a government text's consultation bodies ("remissinstanser") or the agencies an
assignment is carried out with. Names are no topic: "Samverkansorganet", "Arbetsgivarverket" or
"Nationell samverkan för psykisk hälsa" in such a list are no evidence for a label (issue 19)."""
from __future__ import annotations

from functools import cache

import regex

from reformtrace.datafiles import data_lines

MIN_BODIES = 5  # names of bodies in a list at least
WORDS_PER_BODY = 4  # a list: at most this many words a name ("Inspektionen för vård och omsorg")
CAPITALISED = 0.5  # or at least this share of its words capitalised ("Länsstyrelsen i Skåne län", "Region Skåne")
SENTENCES_PER_BODIES = 10  # a sentence end allowed for every ten names ("Kungl. Tekniska högskolan")
SENTENCE_END = regex.compile(r"\p{Ll}[.!?](?=\s+\p{Lu})")
PUNCTUATION = ",.;:()[]\"'”*"


@cache
def body_endings() -> tuple[str, ...]:
    """How a body's name ends (data/bodies.txt), in lower case."""
    return tuple(ending.lower() for ending in data_lines("bodies.txt"))


@cache
def _parts() -> tuple[str, ...]:
    """The fewest strings that each body ending holds one of ("myndighet" for "myndigheten"; " ab" for a firm's
    "AB"): their count in a text bounds its number of names from above, at C speed, before any word is looked at."""
    endings = [ending if len(ending) > 2 else " " + ending for ending in body_endings()]
    return tuple(e for e in endings if not any(other != e and other in e for other in endings))


def is_list_of_bodies(text: str) -> bool:
    """Mostly names of bodies, without sentences: five names or more, each a few words or most words capitalised."""
    if sum(map(text.lower().count, _parts())) < MIN_BODIES:
        return False  # fewer than five names at most (nearly every passage): no need to read word by word
    words = [word for word in (w.strip(PUNCTUATION) for w in text.split()) if word[:1].isalpha()]
    if len(words) < MIN_BODIES:
        return False
    endings = body_endings()
    bodies = sum(1 for word in words if word.lower().endswith(endings))
    if bodies < MIN_BODIES:
        return False
    capitalised = sum(1 for word in words if word[0].isupper()) / len(words)
    short = len(words) <= WORDS_PER_BODY * bodies or capitalised >= CAPITALISED
    return short and len(SENTENCE_END.findall(text)) <= max(1, bodies // SENTENCES_PER_BODIES)
