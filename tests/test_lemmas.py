"""The lemma table: the same answers as spaCy's JSON, a clear error when broken, a deterministic build."""
import gzip
import json
import random
from pathlib import Path

import pytest
import spacy_lookups_data

from reformtrace.annotate import lemmas as lm

# real compounds and forms that spaCy's table does not list
ABSENT = ["vårdcentralsuppdraget", "närvårdsteamen", "hälsocentralerna", "omställningsarbetet", "mobilteamen",
          "kompetensförsörjningsplanerna", "utskrivningsprocessen", "", "kommunerna\x00", "vård\x00en", "vård\ud800"]


@pytest.fixture(scope="module")
def spacy_table() -> dict[str, str]:
    path = Path(str(spacy_lookups_data.sv["lemma_lookup"]))
    return json.loads(gzip.decompress(path.with_name(path.name + ".gz").read_bytes()))


@pytest.fixture(scope="module")
def table() -> lm.LemmaTable:
    return lm.lemma_table()


def test_loaded_once_per_process():
    assert lm.lemma_table() is lm.lemma_table()


def test_every_entry_as_in_spacy(table, spacy_table):
    assert len(table) == len(spacy_table) == 660_305
    assert all(table.get(form) == lemma for form, lemma in spacy_table.items())
    assert all(form in table and table[form] == lemma for form, lemma in spacy_table.items())
    assert table.lemmas() == frozenset(spacy_table.values())


def test_words_not_in_the_table(table, spacy_table):
    rng = random.Random(0)
    forms = sorted(spacy_table)
    compounds = [a + b for a, b in zip(rng.sample(forms, 400), rng.sample(forms, 400))]
    absent = [word for word in ABSENT + compounds if word not in spacy_table]
    assert len(absent) > 300
    for word in absent:
        assert table.get(word) is None
        assert table.get(word, "x") == "x"
        assert word not in table
        with pytest.raises(KeyError):
            table[word]


@pytest.mark.parametrize(
    "form, lemma",
    [("vårdcentralerna", "vårdcentral"), ("kommunerna", "kommun"), ("uppdraget", "uppdrag"), ("uppdrag", "uppdra"),
     ("läkarna", "läkare"), ("sjuksköterskorna", "sjuksköterska"), ("hemsjukvården", "hemsjukvård")],
)
def test_lemmas_of_real_words(table, form, lemma):
    assert table.get(form) == lemma
    assert table[form] == lemma
    assert lemma in table.lemmas()


def _zero(data: bytes, start: int, size: int) -> bytes:
    """`size` bytes of the trie section set to zero from `start` on."""
    at = data.index(b"\n") + 1 + start
    return data[:at] + bytes(size) + data[at + size :]


def _rewrite(folder: Path, change) -> Path:
    broken = folder / "broken" / lm.TABLE
    broken.parent.mkdir()
    broken.write_bytes(change((lm.DATA_DIR / lm.TABLE).read_bytes()))
    return broken


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda data: data[: len(data) // 2], "section sizes do not match the header"),
        (lambda data: data[:-1], "section sizes do not match the header"),
        (lambda data: data.replace(b"reformtrace-lemmas/1", b"reformtrace-lemmas/0", 1), "format 'reformtrace-lemmas/0'"),
        (lambda data: b"not a table", ""),
        (lambda data: data.replace(b'"lemmas": 93224', b'"lemmas": 93225', 1), "counts do not match the header"),
        (lambda data: _zero(data, 0, 1000), "MARISA_FORMAT_ERROR"),  # the trie's own header
        (lambda data: _zero(data, 16, 1000), "counts do not match the header"),  # reads as an empty trie
    ],
    ids=["half", "last byte cut", "format", "no header", "lemma count", "trie header", "trie body"],
)
def test_broken_file_names_itself_and_the_fix(tmp_path, change, reason):
    path = _rewrite(tmp_path, change)
    with pytest.raises(lm.LemmaTableError, match="broken lemma table") as err:
        lm.read_table(path)
    assert str(path) in str(err.value) and reason in str(err.value)
    assert "python -m reformtrace.annotate.lemmas" in str(err.value)


def test_missing_file_says_how_to_build(tmp_path):
    with pytest.raises(lm.LemmaTableError, match=r"cannot read the lemma table .*missing.*python -m reformtrace\.annotate\.lemmas"):
        lm.read_table(tmp_path / "missing" / lm.TABLE)


def test_build_rejects_what_the_file_cannot_hold():
    with pytest.raises(lm.LemmaTableError, match="x00"):
        lm.write_table({"vård\x00": "vård"}, "test")
    with pytest.raises(lm.LemmaTableError, match="newline"):
        lm.write_table({"vården": "vård\n"}, "test")


def test_build_is_deterministic_and_matches_the_committed_file(tmp_path):
    first = lm.build(tmp_path / "a").read_bytes()
    second = lm.build(tmp_path / "b").read_bytes()
    assert first == second
    assert first == (lm.DATA_DIR / lm.TABLE).read_bytes()
