"""Region mentions decided by the words around a name: what makes it a place, and what
makes it part of something else (a compound, a title, a ship, the line before in a list).

The sentences are from the unlabelled collection of Government Offices texts
(corpus-dev/g0vse-unlabelled.jsonl.gz, never gold), each with its document, or
written to pin one rule where the collection has no passage for it.
"""
from __future__ import annotations

import pytest

from reformtrace.annotate.regions import find_regions, regions_of

CASES = [
    # a list of consultation bodies one a line: an institution word ends the line before, not the name's own
    ("Stiftelsen Nordandsfonden\nSjätte AP-fonden\nRISE Research lostitutes of Sweden AB\nSkåne läns landsting\n"
     "Hallands läns landsting", ["12", "13"]),  # remisser/2015/09/remiss-av-sou-201564-en-fondstruktur-…
    ("Lunds universitet\nMalmö stad\nLinköpings universitet\nÖrebro kommun", ["12", "18"]),
    # on its own line, or across a preposition, the institution word still takes the name
    ("Karolinska Institutet, Stockholm.", []),
    ("Utbildningen ges av Högskolan i\nJönköping.", []),
    # a cottage hospital or an emergency clinic beside a locality or municipality that needs a cue
    ("Backe sjukstuga har öppet dygnet runt.", ["23"]),
    ("Sjukstugan Backe och närakuten Kil har öppet.", ["17", "23"]),
    ("Backe har öppet.", []),
    # adjectives of counties and provinces within one county
    ("De västmanländska kommunerna samverkar med gästrikländska och ångermanländska vårdgivare.", ["19", "21", "22"]),
    # the first part of a compound cut short ("Mark- och miljödomstolen") is no municipality
    ("Det är ett långt arbete som nu fortsätter. Regeringens beslut möjliggör att processen med ett slutförvar "
     "för det använda kärnbränslet kan fortsätta. I beslutet enligt miljöbalken lämnas ärendet åter till Mark- "
     "och miljödomstolen vid Nacka tingsrätt som ska avsluta tillståndsprocessen och meddela tillstånd och "
     "närmare villkor för verksamheten.", []),  # artiklar/2022/01/slutforvaret-for-anvant-karnbransle.md
    ("Från Mark- och miljööverdomstolen till Marks kommun.", ["14"]),
    # a naval ship is named after a place, not in it
    ("På dykfartyget HMS Furusund fick kulturministern först en presentation av regalskeppet Äpplet, som "
     "sjösattes 1629 och var systerskepp till regalskeppet Vasa.", []),  # artiklar/2025/04/kulturministern-…
    ("Fartyget HMS Gävle låg i hamnen i Visby.", ["09"]),
    # a dateline with the day and no "den" (a speech's), not after a place preposition
    ("Landsbygdsminister Peter Kullgren, tal, Åre, 22 november 2023", []),  # tal/2023/11/tal-av-landsbygdsminister-peter-kullgren-…
    ("Göteborg 3 maj 2025. Tal av statsministern vid konferensen.", []),
    ("Mötet i Göteborg, 3 maj 2025, samlade regionerna.", ["14"]),
    # a person whose surname is a place: first names of government texts (first_names.txt)
    ("Riksdagsledamoten Kalle Ystad och kommunalrådet Mona Falkenberg deltog i samtalet.", []),
    ("Sjukvårdsminister Acko Ankarberg Johansson besökte Ystad.", ["12"]),
    # a royal title names a person
    ("Prinsessan Sofia, hertiginna av Värmland, besökte vårdcentralen i Kista.", ["01"]),
    ("Prins Julian, hertig av Halland, döptes i Slottskyrkan.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_regions_of_passage(text, expected):
    assert regions_of(find_regions(text)) == expected


def test_each_line_of_a_list_of_bodies_is_its_own_mention():
    text = "RISE Research lostitutes of Sweden AB\nSkåne läns landsting\nHallands läns landsting"
    assert [(m.code, m.start, m.end, m.surface, m.kind) for m in find_regions(text)] == [
        ("12", 38, 58, "Skåne läns landsting", "county"),
        ("13", 59, 82, "Hallands läns landsting", "county"),
    ]


NAMES_OF_OTHER_THINGS = [
    # an English organisation's or event's name that opens with a place name (name_part words)
    ("Johan Rockström, professor i miljövetenskap och chef för Stockholm Resilience Centre vid Stockholms "
     "universitet, och Hans Vestberg, vd och koncernchef för Ericsson.", []),  # artiklar/2016/06/redo-att-genomfora-agenda-2030…
    ("Den 22 till 23 maj äger Stockholm China Forum rum i Kanton, Kina.", []),  # pressmeddelanden/2015/05/stockholm-china-forum…
    ("Ministern talade på Uppsala Health Summit om antibiotikaresistens.", []),
    # the words count after the name only, capitalised: an event held in a place keeps it
    ("Den 13 maj 2023 hölls EU Indo-Pacific Ministerial Forum i Stockholm, det största utrikespolitiska mötet "
     "som hålls i Sverige under det svenska EU-ordförandeskapet.", ["01"]),
    ("Statsministern har därför tagit initiativ till ett internationellt forum i Malmö i oktober 2020 för "
     "hågkomst av Förintelsen och bekämpande av antisemitism.", ["12"]),
    # a place the visit is in, named with its science park
    ("Migrationsministern kommer även att besöka Linköping Science Park för att träffa representanter från "
     "techföretag.", ["05"]),  # pressmeddelanden/2025/05/migrationsminister-johan-forssell-besoker-linkoping.md
    # a genitive name, a definite adjective and an institution word
    ("Ellen Røed är professor i film och media vid Stockholms konstnärliga högskola och har sedan 2022 varit "
     "prorektor vid högskolan.", []),  # pressmeddelanden/2024/04/ny-rektor-vid-stockholms-konstnarliga-hogskola.md
    ("Malmö högskola\nStockholms konstnärliga högskola\nSödertörns högskola", []),
    ("Jönköpings kommun och Kammarrätten i Jönköping", ["06"]),
]


@pytest.mark.parametrize("text, expected", NAMES_OF_OTHER_THINGS)
def test_names_of_other_things(text, expected):
    assert regions_of(find_regions(text)) == expected


def test_hospitals_without_their_town_in_the_name():
    text = "Capio Lundby närsjukhus, Carlanderska sjukhuset, Rosenlunds sjukhus och Kärnsjukhuset i Skövde."
    assert [(m.code, m.surface, m.kind, m.entity) for m in find_regions(text)] == [
        ("14", "Lundby närsjukhus", "hospital", "Lundby närsjukhus"),
        ("14", "Carlanderska sjukhuset", "hospital", "Carlanderska sjukhuset"),
        ("01", "Rosenlunds sjukhus", "hospital", "Rosenlunds sjukhus"),
        ("14", "Kärnsjukhuset", "hospital", "Skaraborgs sjukhus"),
        ("14", "Skövde", "municipality", "Skövde"),
    ]


def test_joint_boards_of_healthcare_regions_are_credited_to_every_member():
    text = "Västra sjukvårdsnämnden och Regionsamverkan Sydöst har beslutat om nivåstrukturering."
    assert [(m.code, m.surface, m.kind) for m in find_regions(text)] == [
        ("13", "Västra sjukvårdsnämnden", "body"), ("14", "Västra sjukvårdsnämnden", "body"),
        ("05", "Regionsamverkan Sydöst", "body"), ("06", "Regionsamverkan Sydöst", "body"),
        ("08", "Regionsamverkan Sydöst", "body"),
    ]
    assert regions_of(find_regions("Norra regionvårdsnämnden och Regionsamverkan Syd.")) == [
        "07", "10", "12", "13", "22", "23", "24", "25"]


@pytest.mark.parametrize("text, expected", [
    # a numbered list of references in the shape of Socialstyrelsen's reports (Vancouver style):
    # a region as an entry's author or publisher is a bare entry of a list of publications
    ("22. Öppna jämförelser 2015. Socialstyrelsen; 2015. 23. Region Skåne. Handlingsplan för äldres hälsa. "
     "Malmö: Region Skåne; 2014. 24. Vård och omsorg om äldre. Socialstyrelsen; 2015.", []),
    ("[7] Region Jönköpings län. Årsredovisning 2021. Jönköping: Region Jönköpings län; 2022.", []),
    ("31. Västra Götalandsregionen. Äldres vård i siffror. Hämtad från: http://www.vgregion.se/aldre", []),
    # a numbered list of regions and what they did, with no reference's place, publisher and year
    ("1. Region Skåne. Regionen har infört mobila team under 2019.", ["12"]),
    # a paragraph that names the region and ends with a reference keeps it
    ("I Region Skåne har man infört mobila team. Stockholm: Socialstyrelsen; 2019.", ["12"]),
])
def test_a_region_as_author_of_a_numbered_reference_gives_none(text, expected):
    assert regions_of(find_regions(text)) == expected
