"""Region detection on real report text and on the hard cases the issue names."""
from __future__ import annotations

import argparse
import json

import pytest
from gazetteer_copy import broken_copy

from reformtrace.annotate import regions_eval
from reformtrace.annotate.gazetteer import GazetteerError, damage_distance, load_gazetteer, region_names
from reformtrace.annotate.regions import _web_addresses, find_regions, regions_of
from reformtrace.model import RegionMention

# (passage, expected regions). Sentences from the five sample reports keep their
# wording, including the OCR damage of report 000; the rest are written to pin
# one rule each.
CASES = [
    # from the reports
    ("Region Gotland har infört bonus vid förskrivning av fysisk aktivitet på recept, inklusive "
     "uppföljning, för att stimulera det hälsofrämjande arbetet.", ["09"]),
    ("Vi har dessutom brutit ned gruppen storstadskommuner till tre olika grupper, som representerar "
     "Sveriges storstadsområden Malmö, Göteborg och Stockholm.", ["01", "12", "14"]),
    ("Region Jonkopings 14n har kommit langt 1 arbetet men utvecklingen 1 6vriga regioner &r svérare "
     "att bedoma.", ["06"]),
    ("Regionerna i Västra Götaland och Västerbotten har exempelvis börjat införa det internationella "
     "utbildningskonceptet AMLS46.", ["14", "24"]),
    ("Exempelvis uppdaterades Region Kalmar läns Avtal om övertagande av hälso- och sjukvårdsinsatser "
     "i ordinärt boende mellan landstinget och kommunerna i Kalmar län senast 2007.", ["08"]),
    ("[ exempelvis Dalarna uttrycker intervjupersonerna att arbetet med god och néra vird ska gd frin "
     "att drivas 1 projektform till att bli en del av den ordinarie linjeverksamheten.", ["20"]),
    ("Region Ostergbtland menar att de ligger 1 framkant vad géller egenmonitorering.", ["05"]),
    ("En analys av vårdkonsumtionen för flera vanliga diagnosgrupper i Västra Götalandsregionen (2023) "
     "visar att patientgrupper som tidigare vårdades inom den specialiserade vården får vård i "
     "primärvården.", ["14"]),
    ("Designers och verksamhetsutvecklare i piloterna i Värmland, Örebro, Västernorrland och Uppsala "
     "arbetar både med konkreta utvecklingsarbeten och med nya arbetssätt.", ["03", "17", "18", "22"]),
    ("4 Regionerna Dalarna, Jimtland Hérjedalen och Kalmar skriver dock att en sédan omfordelning inte "
     "genomfordes under 2022.", ["08", "20", "23"]),
    ("©1 forra drets uppfoljning framgick att kommunerna och regionen i Uppsala lin har gemensamt "
     "finansierade strateger.", ["03"]),
    ("Dalarnas lansgemensamma strategi beskriver exempelvis hur arbetet ska organiseras.", ["20"]),
    ("°’ I Blekinge och p& Gotland var minskningen dver 30 procent.", ["09", "10"]),
    ("I S6rmland har regionen tillsammans med Eskilstuna och Trosa kommuner testat en "
     "egenmonitoreringslosning for dldre multisjuka.", ["04"]),
    ("Det finns en bedömningsbil i Los, som är en tätort i Ljusdals kommun. Detta är ett samarbete "
     "mellan ambulanssjukvården, regionens primärvård och Ljusdals kommun.", ["21"]),
    ("Umeå kommun har inrättat demenssamordnare som bland annat ska stödja personalen.", ["24"]),
    ("I RSS Boråsregionen har kommunerna sjuksköterskor som vidareutbildar sig.", ["14"]),
    ("I Västerbotten samarbetar kommunerna och regionen inom Umeå-\nregionen med något som kallas "
     "prehospitalt flödesarbete.", ["24"]),
    ("Region Jämtland Härjedalen, Region Norrbotten, Region Västerbotten och Region Väster "
     "norrland.", ["22", "23", "24", "25"]),
    ("Förra året bildade SKR tillsammans med Experio Lab, Linköpings universitet och Karlstad "
     "universitet partnerskapet Hälsolabb.", []),
    ("Nära vård lades till som ett tema på konferensen som ägde rum i juni på Svenska Mässan i "
     "Göteborg.", []),
    ("Stockholm mars 2025 Jean-Luc af Geijerstam Generaldirektör", []),
    # a reference's publisher (the 2016 report's list of references, train pages)
    ("56. Weintraub, N. Äldreomsorg: nationella minoriteter: språk och kultur. S tockholm: Länsstyrelsen "
     "i Stockholms län; 2013. 57. Äldreomsorg på minoritetsspråk. Socialstyrelsen; 2015.", []),
    ("Uppsala: Region Uppsala; 2019.", []),
    # an event's place with its date is no dateline (a speech in the train passages)
    ("Tal av sjukvårdsminister Acko Ankarberg Johansson på Folk och Försvars rikskonferens i Sälen den "
     "13 januari 2025. Det talade ordet gäller.", ["20"]),
    ("Stockholm den 13 januari 2025", []),
    ("Socialstyrelsen. Utvecklad nationell uppföljning av hälso- och sjukvården [Stockholm]: "
     "Socialstyrelsen; 2019. Coronakommissionen. Äldreomsorgen under pandemin. Stockholm: Norstedts "
     "juridik; 2020.", []),
    ("Rapporten vénder sig till regeringen, huvudmén inom hilso- och sjukvarden och andra aktdrer som "
     "berdrs av arbetet med omstéllningen till en mer nira vard.", []),
    # appendix table rows of reports 000 and 004
    ("Gdavleborg 22,0% 0.0 20,3% -1.1", ["21"]),
    ("J&miland Harjedalen 20,5% -0,2 20,1% -0.6", ["23"]),
    ("Jonkdpings Ian 22,8% 4,0 17.4% -1.3", ["06"]),
    ("Goftland 43103 -2% -678", ["09"]),
    ("Ostergétiand 17.8% 0,2 18,4% 0.3", ["05"]),
    ("Vdasterbotten 19.3% 1,4 19.0% 1.0", ["24"]),
    ("Orebro l&n 20,2% 1,7 18,8% 1,4", ["18"]),
    ("Riket 20,6% 0.8 19.9% 0.4", []),
    # table cells a PDF glued together (the 2016 report on care for older people, tune pages)
    ("Gävleborgs län Hallands länJämtlands länGotlands länKronobergs länVästmanlands län Värmlands län",
     ["07", "09", "13", "17", "19", "21", "23"]),
    ("Kommun Män KvinnorK ommunM än Kvinnor Ale6 99 1R ättvik 85 94 Essunga9 28 6,5 Lekeberg7 8,59 "
     "0Å tvidaberg9 0,58 7 Hjo7 99 0N ordmaling8 39 0,5 Älvsbyn8 08 5T orsås8 4,59 0",
     ["05", "08", "14", "18", "20", "24", "25"]),
    ("Johan Pehrson besöker FoC Farsta FF.", []),  # no cut inside "FoC": Farsta stays in the club's name
    ("Region Skåne Grunduppdrag: (för patienter ”med insatser i kommunal hälso- och sjukvård”): "
     "listningsansvar", ["12"]),
    ("Region Gotland Obligatoriskt tilläggsuppdrag: områdesansvar (utifrån s.k. listningspoäng)", ["09"]),
    # a row of a list of publications is a reference, not the region's work
    ("Region Jönköpings län 2022 Granskning av omställningen till en god och nära vård. Rapport Region "
     "Jönköpings län", []),
    ("Region Östergötland Verksamhet med fokus på det väsentliga: Treårsbudget 2024–2026 med "
     "fokusområden 2024", []),
    ("Enligt Region Skånes budget för 2023 ska primärvården få mer resurser.", ["12"]),
    # name forms
    ("Västra Götalandsregionen och VGR samarbetar med RSS Uppsala.", ["03", "14"]),
    ("REGION VÄRMLAND", ["17"]),
    ("JÖNKÖPINGS LÄN", ["06"]),
    ("Sörmland och Södermanland är samma län.", ["04"]),
    ("Skånes och Hallands kommuner.", ["12", "13"]),
    ("Region Jämtland Härjedalen.", ["23"]),
    ("I Jämtland finns flera mobila team.", ["23"]),
    ("i Jönköping, Kalmar, Uppsala, Örebro, Stockholm och på Gotland", ["01", "03", "06", "08", "09", "18"]),
    ("Fagersta har startat ett projekt.", ["19"]),
    ("de skånska kommunerna och gotlänningarna", ["09", "12"]),
    ("Jonkdping, Vistmanland, Ostergotland, Sodermanland, Vasterbotten, Gavleborg, Orebro",
     ["04", "05", "06", "18", "19", "21", "24"]),
    ("Samarbetet i Region Väs-\nternorrland fortsätter.", ["22"]),
    ("I Region Norr-\n\nbotten har man anställt samordnare.", ["25"]),
    ("Gävle-\nborg och Dalarna", ["20", "21"]),
    # ambiguous municipality names
    ("Vara kommun och Marks kommun har infört SIP.", ["14"]),
    ("Det kan vara bra att mark och vatten ingår. Mark är viktigt.", []),
    ("Ale, Kungälv och Stenungsund har en gemensam plan.", ["14"]),
    ("Lund har ett universitetssjukhus.", []),
    ("Forskningen i Lund visar att hemsjukvården ökar.", ["12"]),
    ("Sedan 2021 har Boden ett mobilt team.", ["25"]),
    ("Nora Persson är MAS.", []),
    # a person's post names the person, not the region's work (appointments in the train press releases)
    ("Till utredare utses Maria Landgren som idag är läkemedelschef i Region Skåne.", []),
    ("Jag är glad att Region Skånes läkemedelschef Maria Landgren tagit på sig uppdraget som särskild "
     "utredare, säger sjukvårdsminister Acko Ankarberg Johansson.", []),
    ("Utredare blir Bertil Lindahl som är överläkare och professor i kardiologi vid Akademiska sjukhuset "
     "i Uppsala och vid Uppsala universitet.", []),
    ("Han har även varit landstingsdirektör i Jämtlands läns landsting (2013–2014) samt regiondirektör i "
     "Region Jämtland Härjedalen (2015–2017).", ["23"]),  # a career, as the coders read it
    ("Under dagen i Västerås ska Johan Pehrson göra verksamhetsbesök.", ["19"]),
    ("Anna Svensson som är projektledare berättar att arbetet i Region Skåne har gått bra.", ["12"]),
    ("I Hallands län Anna Svensson och i Kalmar län Per Olsson finns kontaktpersoner.", ["08", "13"]),
    # no region
    ("Regionerna och regionen ansvarar för primärvården.", []),
    ("Anna Halland skriver i rapporten att kontinuiteten ökat.", []),
    ("Andersson A, Halland B. Kontinuitet i primärvården. Läkartidningen. 2019;116.", []),
    ("Karolinska Institutet, Stockholm.", []),
    ("Läs mer på www.regionstockholm.se och https://www.1177.se/Stockholm/.", []),
    ("[Region Skåne](https://www.skane.se/vard), Region Halland och fornamn@regionkalmar.se", ["12", "13"]),
    ("Det gäller hela Skåne.Nu börjar nästa steg.", ["12"]),
    ("Uppsala universitet (2019) har utvärderat modellen.", []),
    ("Stockholms universitet och Göteborgs universitet deltar.", []),
    ("Högskolan i Jönköping och Jönköping University utbildar sjuksköterskor.", []),
    ("Holland, Finland och Åland deltog inte.", []),
    ("Bland annat ska arbetet utvärderas.", []),
    ("Ange vilken region du arbetar i.", []),
    ("Ange regionens process för beslut om den länsgemensamma målbilden.", []),
    ("Lund et al. visade att listning påverkar kontinuiteten.", []),
    ("Sveriges Kommuner och Regioner (SKR), Stockholm 2021.", []),
    ("Socialdepartementet, 103 33 Stockholm", []),
    ("Göteborgs-Posten och Luleå tekniska universitet.", []),
    ("Rapporten är skriven av Per Falkenberg och Maria Sala.", []),
    # courts and chambers of commerce are no region's work (remiss lists and press releases)
    ("Stockholms tingsrätt\nKammarrätten i Jönköping\nFörvaltningsrätten i Växjö\nDomstolsverket", []),
    ("Batteritillverkaren Northvolt har ansökt om konkurs hos Stockholms tingsrätt.", []),
    ("Samtal arrangerat av Stockholms handelskammare (kl. 13.00)", []),
    ("Han var lagman vid Södertörns tingsrätt i Stockholm.", []),
    ("Jönköpings kommun och Kammarrätten i Jönköping", ["06"]),
    # a company named after a place (a remiss list; a decision on a wind farm)
    ("A Flygbränslehantering AB (AF AB)\nStockholm Fueling Services AB\nLSG Sky Chefs Sverige AB", []),
    ("Regeringen har den 20 december 2016 avslagit Blekinge Offshore AB:s ansökan om tillstånd.", []),
    ("Inom ramen för Klart för laddplats har Lunds Kommuns Fastighets AB installerat laddplatser.", ["12"]),
    # written in the style of other government texts
    ("IVO har granskat hemsjukvården i Norrköpings, Linköpings och Motala kommuner.", ["05"]),
    ("Hälsocentralerna i Åre och Krokom har utökat sina öppettider.", ["23"]),
    ("Mora, Orsa och Älvdalen samverkar kring en gemensam hälsocentral.", ["20"]),
    ("Vara och Essunga har gemensam socialnämnd.", ["14"]),
    ("Berg kommun ligger i Jämtlands län.", ["23"]),
    ("Länsstyrelsen i Norrbottens län och Landstinget i Värmland.", ["17", "25"]),
    ("Kommunerna i Skaraborg och i Hälsingland har gemensamma planer.", ["14", "21"]),
    # a healthcare region is credited to all its member regions
    ("Sjukvårdsregion Stockholm-Gotland och Uppsala–Örebro sjukvårdsregion.",
     ["01", "03", "04", "09", "17", "18", "19", "20", "21"]),
    ("Hallandsmodellen har spridits till VG-regionen.", ["13", "14"]),
    # decided: a university hospital is run by the region and gives it
    ("Skånes universitetssjukhus har öppnat en mottagning.", ["12"]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_regions_of_passage(text, expected):
    assert regions_of(find_regions(text)) == expected


def test_mentions_carry_span_surface_and_municipality():
    text = "I S6rmland har regionen tillsammans med Eskilstuna och Trosa kommuner testat en lösning."
    assert find_regions(text) == [
        RegionMention("04", 2, 10, "S6rmland", None, "county", "Sörmland"),
        RegionMention("04", 40, 50, "Eskilstuna", "Eskilstuna", "municipality", "Eskilstuna"),
        RegionMention("04", 55, 69, "Trosa kommuner", "Trosa", "municipality", "Trosa"),
    ]


def test_mention_span_takes_region_prefix_and_county_suffix():
    text = "Vissa har sådana rutiner, exempelvis Region Jönköpings län som anger det."
    [mention] = find_regions(text)
    assert (mention.code, mention.surface, text[mention.start:mention.end]) == (
        "06", "Region Jönköpings län", "Region Jönköpings län")


def test_city_that_is_a_region_is_a_municipality_only_as_kommun_or_stad():
    found = find_regions("Flera svar från Stockholms stad och från Region Stockholm.")
    assert [(m.surface, m.via_municipality) for m in found] == [
        ("Stockholms stad", "Stockholm"), ("Region Stockholm", None)]


def test_hyphenated_name_spans_both_lines():
    [mention] = find_regions("Region Väs-\nternorrland")
    assert (mention.code, mention.start, mention.end) == ("22", 0, 23)


def test_town_reports_its_municipality():
    [mention] = find_regions("En levnadsvanemottagning i Angered.")
    assert (mention.code, mention.via_municipality) == ("14", "Göteborg")


def test_damage_distance_counts_only_edits_beyond_damaged_diacritics():
    assert damage_distance("jonkdping", "jönköping", 0) == 0
    assert damage_distance("gdavleborg", "gävleborg", 0) == 0
    assert damage_distance("j&miland", "jämtland", 1) == 1
    assert damage_distance("bland", "öland", 0) == 1  # a damaged first letter is an edit


def test_gazetteer_holds_all_regions_and_municipalities():
    gaz = load_gazetteer()
    assert len(gaz.region_names) == 21 and len(gaz.municipalities) == 290
    assert region_names()["04"] == "Sörmland" and region_names()["23"] == "Jämtland Härjedalen"
    counts = {}
    for code in gaz.municipalities.values():
        counts[code] = counts.get(code, 0) + 1
    assert (counts["14"], counts["09"], counts["01"]) == (49, 1, 26)


def test_broken_name_form_is_named_by_file_and_line(tmp_path):
    directory, path = broken_copy(tmp_path, "name_forms.csv", "14,VGR,abbreviation,", "99,VGR,abbreviation,")
    line = path.read_text(encoding="utf-8").splitlines().index("99,VGR,abbreviation,") + 1
    with pytest.raises(GazetteerError, match=rf"name_forms\.csv:{line}: unknown county code '99'"):
        load_gazetteer(directory)


def test_name_given_two_counties_is_an_error(tmp_path):
    directory, _ = broken_copy(tmp_path, "name_forms.csv", "09,Visby,town,Gotland", "09,Växjö,town,Gotland")
    with pytest.raises(GazetteerError, match=r"'växjö' is county 09 here but 07"):
        load_gazetteer(directory)


def test_unknown_ambiguous_name_is_an_error(tmp_path):
    directory, _ = broken_copy(tmp_path, "ambiguous.csv", "Mark,context", "Markus,context")
    with pytest.raises(GazetteerError, match=r"ambiguous\.csv:2: 'Markus' is not a municipality"):
        load_gazetteer(directory)


def test_score_counts_per_region():
    counts = regions_eval.score([["01"], ["01", "12"], []], [["01"], ["12"], ["14"]])
    assert counts["01"] == regions_eval.Counts(1, 0, 1)
    assert counts["12"] == regions_eval.Counts(1, 0, 0)
    assert counts["14"] == regions_eval.Counts(0, 1, 0)


def test_evaluate_prints_per_region_and_micro(tmp_path, capsys):
    path = tmp_path / "passages.jsonl"  # `reformtrace evaluate` passes the annotations folder
    rows = [
        {"id": "a", "text": "Region Skåne och Region Halland.", "regions": ["12", "13"]},
        {"id": "b", "text": "Anna Halland skriver.", "regions": []},
        {"id": "c", "text": "I Fagersta.", "regions": ["18"]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert regions_eval.main(argparse.Namespace(annotations=str(tmp_path), errors=True)) == 0
    out = capsys.readouterr().out
    table = {line.split()[0]: line.split()[-5:] for line in out.splitlines()[2:24]}
    assert table["12"] == ["1", "1", "1.000", "1.000", "1.000"]
    assert table["18"] == ["1", "0", "-", "0.000", "0.000"]
    assert table["19"] == ["0", "1", "0.000", "-", "0.000"]
    assert table["01"] == ["0", "0", "-", "-", "-"]
    assert table["micro"] == ["3", "3", "0.667", "0.667", "0.667"]
    assert [line.split()[-1] for line in out.splitlines() if line.startswith("macro")] == ["0.667"]
    assert "c: gold ['18'] detected ['19'] [19 'Fagersta']" in out
    assert "held out" not in out


def test_evaluate_scores_each_held_out_file_after_the_main_table(tmp_path, capsys):
    (tmp_path / "passages.jsonl").write_text(json.dumps({"id": "a", "text": "I Region Skåne.", "regions": ["12"]}), encoding="utf-8")
    held_out = [
        {"id": "h1", "text": "Vårdcentralen i Storuman och Kiruna kommun.", "regions": ["24", "25"]},
        {"id": "h2", "text": "Stockholm: Socialstyrelsen; 2019.", "regions": []},
    ]
    (tmp_path / "heldout.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in held_out), encoding="utf-8")
    assert regions_eval.main(argparse.Namespace(annotations=str(tmp_path))) == 0
    out = capsys.readouterr().out
    assert out.endswith("\nheld out: 2 passages (heldout.jsonl)\nmicro                        2     2   1.000   1.000   1.000\n")


def test_evaluate_scores_study_sets_as_tuned_on_and_the_check_side_as_held_out(tmp_path, capsys):
    def write(path, rows):
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    write(tmp_path / "passages.jsonl", [{"id": "a", "text": "I Region Skåne.", "regions": ["12"]}])
    write(tmp_path / "unseen" / "tune.jsonl", [{"id": "t", "text": "Sunderby sjukhus i Luleå.", "regions": ["25"]}])
    write(tmp_path / "unseen" / "train.jsonl", [  # "b" is on the study side, "a" on the check side
        {"id": "b", "text": "Vårdcentralen i Kinna.", "regions": []},
        {"id": "a", "text": "Norra sjukvårdsregionförbundet (NRF).", "regions": ["22", "23", "24", "25"]},
    ])
    assert regions_eval.main(argparse.Namespace(annotations=str(tmp_path), errors=True)) == 0
    out = capsys.readouterr().out
    assert out.split("macro F1 (regions in gold)")[1].splitlines()[1:] == [
        "", "tuned on: 1 passages (unseen/tune.jsonl)",
        "micro                        1     1   1.000   1.000   1.000",
        "", "tuned on: 1 passages (unseen/train.jsonl (study))",
        "micro                        0     1   0.000       -   0.000",
        "", "held out: 1 passages (unseen/train.jsonl (check))",
        "micro                        4     4   1.000   1.000   1.000",
        "", "b: gold [] detected ['14'] [14 'Kinna']", "  'Vårdcentralen i Kinna.'",
    ]


def test_evaluate_names_a_broken_annotation_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "x", "regions": []}\n{"text": 3}\n', encoding="utf-8")
    with pytest.raises(regions_eval.AnnotationError, match=r"gold\.jsonl:2: needs a 'text' string"):
        regions_eval.read_gold(path)


@pytest.mark.parametrize("text, addresses", [
    # an e-mail address and a web address, each found twice (by its mark and by its domain), as they were
    ("Kontakta fornamn@regionkalmar.se eller läs på www.regionstockholm.se.",
     ["fornamn@regionkalmar.se", "fornamn@regionkalmar.se", "www.regionstockholm.se.", "www.regionstockholm.se."]),
    # addresses told by their domain alone, and "WWW." in capitals
    ("Mer finns på 1177.se och regionhalland.se/vard, och på WWW.SKANE.SE.", ["1177.se", "regionhalland.se/vard,", "WWW.SKANE.SE."]),
    ("Det gäller hela Skåne.Nu börjar nästa steg, se https://vard.example/x", ["https://vard.example/x"]),
    # stops and capitals but no mark of an address: none looked for
    ("Regionen ska följa upp arbetet. Nu börjar nästa steg.", []),
])
def test_web_and_mail_addresses_are_found_by_their_marks(text, addresses):
    assert [text[a:b] for a, b in _web_addresses(text)] == addresses
