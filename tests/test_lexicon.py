"""The Swedish lexicon: whole words, compounds, keys, broken data files."""
import mmap

import pytest

from reformtrace import lexicon as lx


@pytest.fixture(scope="module")
def lex():
    return lx.load()


def test_loaded_once_per_process():
    assert lx.load() is lx.load()


@pytest.mark.parametrize("word", ["nära", "primärvården", "Västmanland", "Östergötland", "NÄRA", "läkarkontakt", "är"])
def test_whole_words_are_words(word):
    assert lx.is_word(word)


@pytest.mark.parametrize(
    "word, parts",
    [
        ("kompetensförsörjningsplaner", ["kompetens", "försörjnings", "planer"]),
        ("hälsocentralsuppdragen", ["hälso", "centrals", "uppdragen"]),
    ],
)
def test_compounds_split_into_known_words(lex, word, parts):
    assert lex.lookup(word) is None  # not in any list as a whole word
    assert lex.compound_split(word) == parts
    assert lx.is_word(word)


def test_loose_compound_with_linking_s(lex):
    # no Hunspell compound flags cover this one: two whole words and a linking -s-
    assert lex.compound_split("tandvårdsremisserna") is not None
    assert lx.is_word("tandvårdsremisserna")


@pytest.mark.parametrize("word", ["nira", "omstallningen", "ocksa", "f6lja", "uppfoljning", "vittnär"])
def test_ocr_damage_is_no_word(word):
    assert not lx.is_word(word)


def test_line_end_join_decision():
    # extraction joins "primär" + "vården" because the joined word is Swedish
    assert lx.is_word("primärvården")
    assert lx.is_word("primär") and lx.is_word("vården")
    assert not lx.is_word("vårdenoch")


def test_key_strips_diacritics_and_case():
    assert lx.key("Västmanland") == "vastmanland"
    assert lx.key("ÖSTERGÖTLAND") == "ostergotland"
    assert lx.key("idé") == "ide"


def test_by_key_lists_the_accented_words(lex):
    forms = {e.form for e in lex.by_key("nara")}
    assert "nära" in forms
    entry = lex.lookup("nära")
    assert entry.flags & lx.WORD and entry.flags & lx.HUNSPELL and entry.flags & lx.CORPUS
    assert entry.zipf > 5 and entry.domain > 5


def test_names_are_flagged(lex):
    assert lex.flags("östergötland") & lx.NAME
    assert not lex.flags("nära") & lx.NAME


def test_probe_tells_keys_from_prefixes(lex):
    assert lex.probe("vard") == (True, True)
    assert lex.probe("vardc") == (False, True)
    assert lex.probe("vardcq") == (False, False)


@pytest.mark.parametrize("word", ["vård\x00x", "v\x00", "vård\udce5"])
def test_strings_the_trie_cannot_hold_are_no_words(lex, word):
    # the trie would read "vård\x00x" as "vård" and cannot encode a lone surrogate
    assert lex.by_key(lx.key(word)) == [] and lex.lookup(word) is None
    assert lex.probe(lx.key(word)) == (False, False)
    assert not lx.is_word(word)


def test_broken_table_is_reported():
    table = lx.write_table(["nära", "nara"], {"nära": lx.WORD, "nara": lx.WORD}, {"nära": 5.4}, {}, {})
    read = lx.Lexicon(lx._read_table(table, "t.bin"), {})
    assert [(e.form, e.zipf) for e in read.by_key("nara")] == [("nara", 0.0), ("nära", 5.4)]
    with pytest.raises(lx.LexiconError, match="t.bin: broken lexicon table .counts do not match"):
        lx._read_table(table[:-1], "t.bin")
    with pytest.raises(lx.LexiconError, match="format"):
        lx._read_table(b'{"format": "other"}\n', "t.bin")


def test_table_is_mapped_in_place_from_a_file_and_read_unaligned_as_before(tmp_path):
    table = lx.write_table(["nära", "nara"], {"nära": lx.WORD, "nara": lx.WORD}, {"nära": 5.4}, {}, {})
    assert (table.index(b"\n") + 1) % lx.TRIE_ALIGNMENT == 0  # the header is padded
    path = tmp_path / "t.bin"
    path.write_bytes(table)
    with open(path, "rb") as file:
        mapped = lx._read_table(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ), "t.bin")
    assert mapped.flags.obj is mapped.zipf.obj  # slices of the map, not copies
    header, body = table.split(b"\n", 1)
    header = header.rstrip() + b" " * (-len(header.rstrip()) % lx.TRIE_ALIGNMENT)  # the trie at 1 mod 8: a table written before padding
    unaligned = lx._read_table(header + b"\n" + body, "t.bin")
    for read in (mapped, unaligned):
        assert [(e.form, e.flags, e.zipf) for e in lx.Lexicon(read, {}).by_key("nara")] == [("nara", lx.WORD, 0.0), ("nära", lx.WORD, 5.4)]


def test_table_is_deterministic_and_keeps_only_what_a_trie_can_hold():
    forms = ["vård", "vard", "värd"]
    args = ({f: lx.WORD for f in forms}, {"vård": 5.0}, {"vård": 6.1}, {"wordfreq": "3.1.1"})
    assert lx.write_table(forms, *args) == lx.write_table(list(reversed(forms)), *args)
    with pytest.raises(lx.LexiconError, match="control character"):
        lx.write_table(["a\x01b"], {"a\x01b": lx.WORD}, {}, {}, {})


def test_additions_file_is_validated():
    assert lx._read_additions("# comment\nSKR\nvårdcentrals begin\n", "a.txt") == {"skr": lx.WORD | lx.END, "vårdcentrals": lx.BEGIN}
    with pytest.raises(lx.LexiconError, match="a.txt:2"):
        lx._read_additions("ok\nbad kind here\n", "a.txt")


def test_flags_are_the_entrys_flags_asked_once_or_again(lex):
    for word in ["östergötland", "Östergötland", "nära", "omställningen", "xqzvw"]:
        entry = lex.lookup(word)
        assert lex.flags(word) == lex.flags(word) == (entry.flags if entry else 0)
