"""Regions from city districts and areas, and words that only look like localities.

The sentences are from the unlabelled collection of Government Offices texts
(corpus-dev/g0vse-unlabelled.jsonl.gz, never gold), each with its document, or
cut from one where a rule needs a passage of its own.
"""
from __future__ import annotations

import re

import pytest
from gazetteer_copy import broken_copy

from reformtrace.annotate import regions_build
from reformtrace.annotate.gazetteer import GazetteerError, load_gazetteer
from reformtrace.annotate.regions import find_regions, regions_of, settle_in_headings

CASES = [
    # city districts (districts.csv): the county of their municipality
    ("Ministerns besök inleds på familjecentralen i Kungsmarken, där flera viktiga aktörer finns samlade "
     "på samma plats för att stödja barn och familjer.", ["10"]),  # pressmeddelanden/2024/02/familjecentraler-i-fokus…
    ("Under besöket får statsrådet information om lokalpolisens arbete i bland annat de särskilt utsatta "
     "områdena Ronna, Lina och Geneta.", ["01"]),  # pressmeddelanden/2023/01/gunnar-strommer-besoker-p…
    ("Socialtjänstministern besökte Gottsunda familjecentral för att höra om hur olika aktörer i samhället "
     "krokar arm för att kunna erbjuda tidiga förebyggande insatser.", ["03"]),  # …besokte-gottsunda-familjecentral…
    ("Socialtjänstministern kommer även besöka Råd och stöd Vivalla, vilket är en nystartad verksamhet.", ["18"]),
    ("I april besökte jag Lövgärdet i Göteborg – ett särskilt utsatt område.", ["14"]),  # tal/2023/07/tal-under-almedalen…
    ("Under måndagen besökte Johan Pehrson Rädda barnens tjejforum i Bäckby, som arbetar med att stärka "
     "flickors möjligheter att påverka sina liv.", ["19"]),  # pressmeddelanden/2023/01/flickor-och-kvinnors-orga…
    ("Det är tio stopp på blå linjen från Husby till Kungliga Dramatiska Teatern.", ["01"]),  # tal/2023/022/…
    ("Under besöket kommer justitieministern bland annat träffa polisen i stadsdelen Skäggetorp.", ["05"]),
    # a district of two towns in two counties: only where the passage names one of them
    ("Ministern kommer även göra ett verksamhetsbesök på vårdcentralen i Andersberg för att träffa personal.", []),
    ("Sjukvårdsministerns resa till Halmstad inleds med ett verksamhetsbesök på Hallands sjukhus. Ministern "
     "kommer även göra ett verksamhetsbesök på vårdcentralen i Andersberg.", ["13"]),  # …sjukvardsministern-besoker-halland
    # a district that is also a first name or a surname needs a place cue
    ("Skolminister Lina Axelsson Kihlblom deltog.", []),
    ("Panelsamtalet modererades av Maud Holma von Heijne, generalsekreterare på Folk och Försvar.", []),
    ("Vårdcentralen i Holma har utökat sina öppettider.", ["12"]),
    # sub-regional areas (areas.csv)
    ("Socialministern besöker idrottssatsningar på Mälaröarna", ["01"]),  # pressmeddelanden/2024/04/socialministern-besoker-i…
    # a word that is a locality's name without its marks, or two words that make one, is no locality
    ("På lång sikt, ser jag digitaliseringen som en central del i det som skapar möjligheter.", []),  # not Påläng
    ("Beslut om fiskekvoter i EU:s atlantiska vatten, Medelhavet och Svarta havet.", []),  # not Svartå
    ("Hemse vårdcentral har fått fler läkare.", ["09"]),
    # organisations and persons named after a place
    ("Pål Jonson och Danmarks försvarsminister Troels Lund Poulsen undertecknade idag en avsiktsförklaring.",
     []),  # pressmeddelanden/2024/05/sverige-starker-forsvarssamarbetet-med-danmark
    ("Därefter besökte Johan Britz Campus Varberg där han fick en inblick i flera av deras olika "
     "utbildningar.", ["13"]),  # artiklar/2026/01/johan-britz-i-halland…: the word before is the place's own
    ("Åsa Persson och Therese Bennich från Stockholm Environment Institute (SEI) höll också i en "
     "diskussion.", []),  # artiklar/2023/03/agenda-2030-inne-pa-halvtid…
    ("Stockholm International Water Institute (SIWI), som är värd för Swedish Water House.", []),
    ("Panelsamtalet anordnas av Demensförbundet, Alzheimerfonden, Bräcke diakoni, NKA och GLID.",
     []),  # pressmeddelanden/2025/04/anna-tenje-deltar-i-panelsamtal…
    ("Regeringen ger Stockholm Fueling Services AB i uppdrag.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_regions_of_passage(text, expected):
    assert regions_of(find_regions(text)) == expected


def test_a_district_of_two_counties_is_settled_by_the_passages_headings():
    # pressmeddelanden/2023/11/sjukvardsministern-besoker-halland.md: the last paragraph names no town of Halland
    text = ("Det kommer att finnas tid för media i anslutning till besöket på Vårdcentralen i Andersberg. För anmälan, "
            "mer information och intervjuförfrågningar kontakta pressekreterare Joel Apelthun.")
    mentions = find_regions(text)
    assert mentions == []
    settled = settle_in_headings(text, ["Sjukvårdsministern besöker Halland"], mentions)
    assert [(m.surface, m.code, m.kind, m.entity) for m in settled] == [("Andersberg", "13", "locality", "Andersberg")]
    assert settle_in_headings(text, ["Sjukvårdsministern besöker Uppsala"], mentions) == []


def test_a_district_is_a_locality_of_its_municipality():
    assert [(m.code, m.surface, m.kind, m.entity, m.via_municipality)
            for m in find_regions("Alby i Botkyrka och Gamla stan")] == [
        ("01", "Alby", "locality", "Alby", None),  # Alby is a postal locality of Ånge too: no one municipality
        ("01", "Botkyrka", "municipality", "Botkyrka", "Botkyrka"),
        ("01", "Gamla stan", "locality", "Gamla stan", "Stockholm"),
    ]


def test_locality_words_are_the_words_only_localities_have():
    gaz = load_gazetteer()
    assert {"svartå", "påläng", "tensta", "gottsunda", "kinna"} <= gaz.locality_words
    assert not {"malmö", "sahlgrenska", "visby", "mälaröarna"} & gaz.locality_words  # names of other kinds


@pytest.mark.parametrize("old, new, message", [
    ("Tensta,Stockholm,", "Tensta,Stokholm,", r"'Stokholm' a municipality"),
    ("Tensta,Stockholm,", "Bromma,Stockholm,", r"'Bromma' is already a locality of Stockholm"),
])
def test_broken_districts_file_is_named_by_file_and_line(tmp_path, old, new, message):
    directory, path = broken_copy(tmp_path, "districts.csv", old, new)
    line = next(k for k, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(new))
    with pytest.raises(GazetteerError, match=rf"districts\.csv:{line}: .*{message}"):
        load_gazetteer(directory)


def test_the_rules_build_decides_districts_as_localities(tmp_path):
    directory, _ = broken_copy(tmp_path, "districts.csv", "Tensta,Stockholm,", "Tensta,Stockholm,")
    found = {name: (rule, basis) for name, rule, basis in regions_build.build(directory, None)}
    assert found["Lina"] == ("context", "first name 'Lina' (first_names.txt)")
    assert found["Seved"][1].startswith("hand:")
    assert "Tensta" not in found  # found on its name alone
