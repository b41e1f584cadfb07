"""Offsets in a cleaned passage mapped back to the raw passage: every word of the
clean text lands on the raw words it was made from."""
from reformtrace.offsets import OffsetMap
from reformtrace.segment import clean_passage, clean_passage_text


def words_back(raw: str) -> list[tuple[str, str]]:
    clean = clean_passage_text(raw)
    back = OffsetMap(raw, clean)
    out, at = [], 0
    for word in clean.split():
        at = clean.index(word, at)
        start, end = back.span(at, at + len(word))
        out.append((word, raw[start:end]))
        at += len(word)
    return out


def test_joined_lines_and_folded_spaces_map_onto_the_raw_words():
    raw = "Hälso-\nsamtalen  erbjuds av\nvårdcentralerna i Region Kronoberg."
    assert words_back(raw) == [
        ("Hälsosamtalen", "Hälso-\nsamtalen"), ("erbjuds", "erbjuds"), ("av", "av"),
        ("vårdcentralerna", "vårdcentralerna"), ("i", "i"), ("Region", "Region"), ("Kronoberg.", "Kronoberg."),
    ]


def test_repaired_ocr_damage_maps_onto_the_damaged_words():
    raw = "Regionen ska f6lja upp arbetet med en mer nira vard 1 Jonkdpings 14n."
    clean, unrepaired, changes = clean_passage(raw)
    assert clean == "Regionen ska följa upp arbetet med en mer nära vård i Jönköpings län."
    assert unrepaired == raw and [c.original for c in changes] == ["f6lja", "nira", "vard", "1", "Jonkdpings", "14n"]
    assert ("följa", "f6lja") in words_back(raw) and ("Jönköpings", "Jonkdpings") in words_back(raw)
    assert words_back(raw)[-1] == ("län.", "14n.")


def test_a_clean_text_maps_onto_itself_and_spans_never_go_empty_or_backwards():
    text = "Region Skåne har infört mobila team."
    assert OffsetMap(text, text).span(7, 12) == (7, 12)
    raw = "ﬁnns  inte\n\nnågon  sjukvårdsrådgivning"
    back = OffsetMap(raw, clean_passage_text(raw))
    spans = [back.span(i, i + 1) for i in range(len(back.target))]
    assert all(a < b for a, b in spans) and [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_each_clean_character_s_origin_where_spacing_kept_its_width_and_where_it_did_not():
    # line breaks turned into spaces: the words stand as far apart as before, one stretch maps onto itself
    raw = "Region Skåne\nerbjuder hälsosamtal\ntill alla 70-åringar."
    clean = clean_passage_text(raw)
    assert clean == "Region Skåne erbjuder hälsosamtal till alla 70-åringar."
    back = OffsetMap(raw, clean)
    assert [back.span(i, i + 1)[0] for i in range(len(clean))] == list(range(len(clean)))
    # a hyphen at a line end dropped and two spaces folded: the words after them stand nearer, word by word
    raw = "Region Skåne\nerbjuder hälso-\nsamtal  till alla\n70-åringar."
    back = OffsetMap(raw, clean_passage_text(raw))
    assert back.target == clean
    assert [back.span(i, i + 1)[0] for i in range(len(clean))] == (
        list(range(0, 27)) + [29, 30, 31, 32, 33, 34, 35] + list(range(37, 58)))
    assert raw[slice(*back.span(22, 33))] == "hälso-\nsamtal" and raw[slice(*back.span(34, 38))] == "till"
