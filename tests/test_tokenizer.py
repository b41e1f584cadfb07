"""The Swedish tokenizer: spaCy's rules and algorithm without spaCy, checked against
spaCy itself on every text of the corpus and the annotations."""
import json
from pathlib import Path

import pytest
import spacy

from reformtrace.annotate.tokenizer import Tokenizer, load_rules, swedish

ROOT = Path(__file__).resolve().parent.parent


def tokens(text: str) -> list[tuple[str, int]]:
    return [tuple(t) for t in swedish()(text)]


def test_abbreviations_stay_whole_and_punctuation_comes_off():
    assert tokens("Region Skånes SIP-arbete, t.ex. mobila team (se www.1177.se).") == [
        ("Region", 0), ("Skånes", 7), ("SIP-arbete", 14), (",", 24), ("t.ex.", 26), ("mobila", 32),
        ("team", 39), ("(", 44), ("se", 45), ("www.1177.se", 48), (")", 59), (".", 60),
    ]


def test_a_single_space_belongs_to_the_token_before_and_other_whitespace_is_a_token():
    assert tokens("Det är bl.a. 3,5 %  av\n\nalla.") == [
        ("Det", 0), ("är", 4), ("bl.a.", 7), ("3,5", 13), ("%", 17), (" ", 19), ("av", 20),
        ("\n\n", 22), ("alla", 24), (".", 28),
    ]


def test_a_special_case_split_by_affixes_is_joined_again():
    # "(t.ex." -> "(" + "t.ex." (a special case after the prefix); "t.ex.)" -> "t.ex." + ")"
    assert tokens("(t.ex.)") == [("(", 0), ("t.ex.", 1), (")", 6)]
    assert tokens("bl.a.,") == [("bl.a.", 0), (",", 5)]


def test_the_rules_are_data_with_their_source():
    rules = load_rules()
    assert rules["source"].startswith("spaCy ")
    assert rules["special_cases"]["t.ex."] == ["t.ex."]
    assert {"och", "inte", "den"} <= set(rules["stop_words"])


def test_a_rules_file_of_another_format_is_refused(tmp_path):
    path = tmp_path / "sv.json"
    path.write_text(json.dumps({"format": "something-else/9"}), encoding="utf-8")
    with pytest.raises(ValueError, match="tokenizer rules format"):
        load_rules(path)


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "annotations").rglob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts += [row[field] for row in rows for field in ("text", "clean", "damaged") if field in row]  # ocr/unseen: clean and damaged
    for path in sorted((ROOT / "corpus").glob("*.[tm][xd]*")) + sorted((ROOT / "annotations" / "ocr").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text, *text.split("\n\n")]
    return texts


def test_the_same_tokens_and_offsets_as_spacy_on_every_text_of_the_corpus_and_annotations():
    reference = spacy.blank("sv").tokenizer
    ours = Tokenizer(load_rules())
    texts = corpus_texts() + ["a : ) b :) <3 C++ ''", "Kl. 10 o.s.v. m.m.", "  \t x \xa0 y\u2014z\n"]
    assert len(texts) > 7000
    differing = [t for t in texts if [(x.text, x.idx) for x in reference(t)] != [tuple(x) for x in ours(t)]]
    assert differing == []


def test_a_text_parted_by_single_spaces_takes_the_short_way_to_the_same_pieces():
    ours = Tokenizer(load_rules())
    texts = [" ".join(t.split()) for t in corpus_texts()[:3000]] + ["(t.ex.) bl.a., Kl. 10 o.s.v. :) C++ ''", "x"]
    texts = [t for t in texts if t]
    assert all(ours._spaced(t) == ours._pieces(t, specials=True) for t in texts)


def test_only_words_parted_by_single_plain_spaces_take_the_short_way():
    from reformtrace.annotate.tokenizer import _single_spaced

    assert _single_spaced("Regionen har infört mobila team.")
    for text in ["", " Regionen har", "Regionen har ", "Regionen  har", "Regionen\nhar", "Regionen\u00a0har", "Regionen\thar"]:
        assert not _single_spaced(text)
