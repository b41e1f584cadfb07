"""The rule layer on real Swedish: inflections, compounds, acronyms, negation, tables of contents."""
import pytest

from reformtrace.annotate.rules import PhraseIndex, Rules, is_toc
from reformtrace.annotate.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_taxonomy())


def hits(rules: Rules, text: str) -> list[tuple]:
    analysis = rules.analyse([text])[0]
    return [(h.label, h.cue, h.surface, h.start, h.end, h.negated) for h in analysis.hits]


def test_the_issues_compounds_and_inflections_are_found(rules):
    text = "Hälsosamtalen och SIP-arbetet, mobilteamen, utskrivningsprocessen och fastläkarsystemet."
    assert hits(rules, text) == [
        ("forebyggande", "hälsosamtal (via halsosamtal)", "Hälsosamtalen", 0, 13, False),
        ("halsosamtal", "hälsosamtal", "Hälsosamtalen", 0, 13, False),
        ("samordning", "SIP (via sip)", "SIP-arbetet", 18, 29, False),
        ("sip", "SIP", "SIP-arbetet", 18, 29, False),
        ("mobila_team", "mobilt team", "mobilteamen", 31, 42, False),
        ("nara", "mobilt team (via mobila_team)", "mobilteamen", 31, 42, False),
        ("samordning", "utskrivningsprocess (via utskrivning)", "utskrivningsprocessen", 44, 65, False),
        ("utskrivning", "utskrivningsprocess", "utskrivningsprocessen", 44, 65, False),
        ("fast_lakarkontakt", "fastläkarsystem", "fastläkarsystemet", 70, 87, False),
        ("kontinuitet", "fastläkarsystem (via fast_lakarkontakt)", "fastläkarsystemet", 70, 87, False),
    ]


def test_a_phrase_matches_inflected_and_as_closed_compound(rules):
    assert hits(rules, "Andelen med fastläkarkontakt ökade, liksom andelen med en fast läkarkontakt.") == [
        ("fast_lakarkontakt", "fast läkarkontakt", "fastläkarkontakt", 12, 28, False),
        ("kontinuitet", "fast läkarkontakt (via fast_lakarkontakt)", "fastläkarkontakt", 12, 28, False),
        ("fast_lakarkontakt", "fast läkarkontakt", "fast läkarkontakt", 58, 75, False),
        ("kontinuitet", "fast läkarkontakt (via fast_lakarkontakt)", "fast läkarkontakt", 58, 75, False),
    ]
    assert [h[:3] for h in hits(rules, "Flera regioner har mobila närsjukvårdsteam.")] == [
        ("mobila_team", "mobilt närsjukvårdsteam", "mobila närsjukvårdsteam"),
        ("nara", "mobilt närsjukvårdsteam (via mobila_team)", "mobila närsjukvårdsteam"),
    ]


def test_a_phrase_matches_whole_words_but_its_last_word_may_head_a_compound(rules):
    assert hits(rules, "Kommunen gör insatser i hemtjänsten och ser risker i hemmiljön.") == []  # not "i hemmet"
    assert [h[:3] for h in hits(rules, "Regionen har ett mobilt akutgeriatriskt team.")] == [
        ("mobila_team", "mobilt geriatriskt team", "mobilt akutgeriatriskt team"),
        ("nara", "mobilt geriatriskt team (via mobila_team)", "mobilt akutgeriatriskt team"),
    ]


def test_words_are_split_only_where_a_cue_word_is_a_part(rules):
    units = rules.words.units
    assert units("SIP-arbetet") == ("SIP", "arbete")
    assert units("kommunhemsjukvården") == ("kommun", "hemsjukvård")
    assert units("hälsosamtalsverksamheten") == ("hälsosamtal", "verksamhet")
    assert units("läkarkontakten") == ("läkarkontakt",)
    assert units("omsorg") == ("omsorg",)  # not om + sorg: function words are no parts
    assert units("körning") == ("körning",)  # not kö + rning: the rest must be a word
    assert units("SIP:ar") == ("SIP",)
    assert units("könen") == ("kön",)  # a form the lemma table knows is split as its lemma: not kö + nen
    assert units("utbildare") == ("utbildare",)  # a derivational ending is no word: not utbilda + are


def test_words_that_only_look_like_cues_are_no_evidence(rules):
    # "FaR" (fysisk aktivitet på recept) is an acronym: not "far" (father) or "fartyget"
    assert hits(rules, "Hans far arbetade på fartyget.") == []
    assert [h[:3] for h in hits(rules, "Patienten fick FaR av sjuksköterskan.")][1:] == [("halsosamtal", "FaR", "FaR")]
    # the lemma table reads "första" as "en": "första linjen" is not "en tidslinje"
    assert hits(rules, "Figuren visar en tidslinje för reformen.") == []
    # "listad" lemmatises to "lista", the noun "a list" too
    assert hits(rules, "Listan över insatser finns i bilagan.") == []
    assert [h[:3] for h in hits(rules, "Antalet listade patienter ökar.")] == [
        ("kontinuitet", "listad patient", "listade patienter")
    ]
    # a phrase does not run across sentences
    assert hits(rules, "Vi frågade patienter. Perspektivet var deras.") == []
    # a web address is a reference, not text
    assert hits(rules, "Se https://kunskapsguiden.se/stod-for-samverkan/informationsutbyte-vid-utskrivning/.") == []


def test_acronyms_match_only_in_capitals(rules):
    assert [h[:3] for h in hits(rules, "Antalet SIP:ar ska öka, men en sip kaffe räcker inte.")] == [
        ("samordning", "SIP (via sip)", "SIP:ar"),
        ("sip", "SIP", "SIP:ar"),
    ]


def test_a_negated_mention_is_marked_and_gives_no_plain_label(rules):
    analysis = rules.analyse(["Det finns inga mobila team i länet."])[0]
    assert [(h.label, h.surface, h.negated) for h in analysis.hits] == [
        ("mobila_team", "mobila team", True),
        ("nara", "mobila team", True),
    ]
    assert analysis.labels == set()
    # a negation in another clause does not reach the cue
    assert hits(rules, "Det fungerar inte, men mobila team finns.")[0][5] is False


def test_inte_negates_only_a_cue_right_after_it(rules):
    # "inte" denies the clause's verb: right before the cue it says the measure is absent
    assert rules.analyse(["Kommunen har inte SIP för barn."])[0].labels == set()
    # but after a verb or a noun between, the passage still speaks of the measure
    text = "En begränsning är att statistiken inte inkluderar hyrpersonal i regionerna."
    assert rules.analyse([text])[0].labels == {"kompetensforsorjning", "stark_primarvard"}
    text = "Vissa regioner använder inte begreppet patientkontrakt men arbetar ändå med kontraktet."
    assert rules.analyse([text])[0].labels == {"patientkontrakt", "delaktighet"}
    # a negating determiner still reaches over an adjective
    assert rules.analyse(["Det finns inga fungerande mobila team i länet."])[0].labels == set()


def test_the_reforms_name_is_no_evidence_for_nara(rules):
    assert hits(rules, "Omställningen till en god och nära vård pågår i hela landet.") == []
    assert [h[:3] for h in hits(rules, "Vården ska ges nära patienten, i hemmet när det går.")] == [
        ("nara", "nära patienten", "nära patienten"),
        ("nara", "i hemmet", "i hemmet"),
    ]


def test_a_weak_cue_counts_only_beside_its_context(rules):
    assert [h[:3] for h in hits(rules, "Primärvården behöver mer resurser och fler specialister.")] == [
        ("stark_primarvard", "resurs (with primärvård)", "resurser")
    ]
    assert hits(rules, "Sjukhusen behöver mer resurser.") == []
    # the context must be in the same sentence
    assert hits(rules, "Primärvården har växt. Sjukhusen behöver mer resurser.") == []


def test_training_is_competence_supply_when_it_is_for_staff(rules):
    assert rules.analyse(["Regionen erbjuder utbildning i sårvård till all personal."])[0].labels == {
        "kompetensforsorjning", "stark_primarvard"
    }
    assert rules.analyse(["Figur 56. Förtroende uppdelat på kön, ålder och utbildning."])[0].labels == set()


def test_home_care_and_mobile_teams_are_care_close_to_the_person(rules):
    text = "Kommunen har tagit över hemsjukvården i ordinärt boende."
    assert rules.analyse([text])[0].labels == {"hemsjukvard", "nara"}


def test_the_right_level_of_care_is_access(rules):
    text = "Ambulanssjuksköterskan hjälper larmoperatören att hitta rätt vårdnivå för patienten."
    assert {"ambulans", "tillganglighet"} <= rules.analyse([text])[0].labels


def test_a_table_of_contents_gives_no_hits(rules):
    toc = "Mobila team .....\t12\nHälsosamtal .....\t14\nSIP ..... 16"
    analysis = rules.analyse([toc])[0]
    assert analysis.toc and analysis.hits == ()
    assert is_toc("Förord .....\t3")
    assert not is_toc("Regionen har 12 mobila team.\nDe besöker 300 patienter.")


def test_a_report_sentence_gives_interventions_and_the_goals_they_imply(rules):
    text = (
        "Sammanhållen planering är en central del i patientkontraktet, och i flera regioner "
        "är SIP det centrala instrumentet."
    )
    assert rules.analyse([text])[0].labels == {"patientkontrakt", "delaktighet", "sip", "samordning"}


def test_tokens_and_units_are_kept_for_the_model(rules):
    analysis = rules.analyse(["SIP-arbetet, i Västerbotten."])[0]
    assert analysis.tokens == ("SIP-arbetet", "i", "Västerbotten")
    assert analysis.units == (("SIP", "arbete"), ("i",), ("västerbotten",))


def test_a_truncated_compound_takes_the_head_of_the_next_one(rules):
    text = "Regionen har bildat styr- och projektgrupper för omställningen."
    assert [h[:3] for h in hits(rules, text)] == [
        ("samverkansstruktur", "styrgrupp (with omställning)", "styr-"),
    ]
    assert rules.analyse(["Andelen med en fast vård- eller läkarkontakt ökade."])[0].labels == {
        "fast_lakarkontakt", "kontinuitet"
    }
    assert rules.analyse(["Regionen satsar på utbildnings- och kommunikationsinsatser."])[0].labels == {
        "kompetensforsorjning", "stark_primarvard"
    }
    assert rules.words.units("styr-") == ("styr",)  # alone, without a conjunction and a compound after it
    assert rules.analyse(["Styr- och ledning av vården."])[0].labels == set()


def test_all_forms_of_a_word_meet_in_one_lemma(rules):
    units = rules.words.units
    assert units("uppdraget") == units("uppdrag") == units("uppdragen")  # the table reads uppdraget -> uppdrag -> uppdra
    assert units("arbetsplatslärandet") == units("arbetsplatslärande")
    assert units("vården") == ("vård",) and units("planer") == ("plan",)  # nouns are not read as verbs
    text = "Kartläggningen visar att uppdraget till primärvården inte har förändrats."
    assert rules.analyse([text])[0].labels == {"styrning_ersattning"}
    assert "kompetensforsorjning" in rules.analyse(["En grundutbildning ska stärka arbetsplatslärandet i vården."])[0].labels


def test_replaced_by_is_no_payment(rules):
    assert rules.analyse(["Anställda allmänspecialister kan ha ersatts av hyrläkare."])[0].labels == {
        "kompetensforsorjning", "stark_primarvard"
    }
    assert "styrning_ersattning" in rules.analyse(["Vårdcentraler ersätts utifrån vilka diagnoser som registreras."])[0].labels


def test_procurement_is_steering_only_where_care_is_procured(rules):
    text = "Region Gotland ställer högre krav i den upphandling av ambulanssjukvård som genomfördes 2021."
    assert "styrning_ersattning" in rules.analyse([text])[0].labels
    text = "Regionerna genomför en nationell upphandling om ett regiongemensamt ramavtal för hyrpersonal."
    assert "styrning_ersattning" not in rules.analyse([text])[0].labels


def test_an_own_cue_gives_the_intervention_but_not_the_goals_it_implies(rules):
    text = "Många chefer har deltagit i SKR:s ledarskapsprogram."
    assert rules.analyse([text])[0].labels == {"kompetensforsorjning"}
    text = "Regionen har anställt fler specialistsjuksköterskor."
    assert rules.analyse([text])[0].labels == {"kompetensforsorjning", "stark_primarvard"}


def test_staff_training_in_ambulance_care_is_no_resource_to_primary_care(rules):
    text = "Region Dalarna har utbildat ambulanspersonal i akut omhändertagande. Flera regioner redovisar utbildningsinsatser för medarbetare."
    assert rules.analyse([text])[0].labels == {"ambulans", "kompetensforsorjning"}
    text = "Regionen genomför utbildningsinsatser för medarbetare i primärvården och i ambulanssjukvården."
    assert {"kompetensforsorjning", "stark_primarvard"} <= rules.analyse([text])[0].labels
    text = "Regionen genomför utbildningsinsatser för medarbetare."
    assert rules.analyse([text])[0].labels == {"kompetensforsorjning", "stark_primarvard"}


def test_payment_is_steering_only_where_care_is_paid_for(rules):
    assert "styrning_ersattning" not in rules.analyse(["Paneldeltagarna får ersättning per besvarad enkät."])[0].labels
    text = "Några regioner har infört särskilda ersättningar till vårdcentraler för fast läkarkontakt."
    assert "styrning_ersattning" in rules.analyse([text])[0].labels


def test_a_first_part_shared_by_two_cue_words_goes_to_the_one_it_begins_with(rules):
    from reformtrace.annotate.rules import _modifier_table

    # "vårdas i hemmet" makes "vårda" a cue word beside "vård": "vårds-" is still vård
    assert _modifier_table(["vårda", "vård"]) == {
        "vård": "vård", "vårds": "vård", "vårda": "vårda", "vårdas": "vårda", "vårdo": "vårda", "vårde": "vårda",
    }
    assert rules.words.units("vårdpersonal") == ("vård", "personal")
    assert rules.words.units("vårdbehoven") == ("vård", "behov")


def test_a_cue_that_is_only_a_web_address_matches_nothing_and_loads(tmp_path):
    from reformtrace.annotate.taxonomy import DEFAULT_PATH

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace('cues = [', 'cues = ["www.1177.se", ', 1)
    (tmp_path / "taxonomy.toml").write_text(text, encoding="utf-8")
    with_address = Rules(load_taxonomy(tmp_path / "taxonomy.toml"))
    assert hits(with_address, "Läs mer på www.1177.se om mobila team.") == [
        ("mobila_team", "mobilt team", "mobila team", 26, 37, False),
        ("nara", "mobilt team (via mobila_team)", "mobila team", 26, 37, False),
    ]


# ---------------------------------------------------------------- aboutness, not words (issue 19)


def labels(rules: Rules, text: str) -> list[str]:
    return sorted(rules.analyse([text])[0].labels)


@pytest.mark.parametrize("text", [
    "Andelen personer med hemsjukvård som har fått en läkemedelsgenomgång ökade under året.",  # a group of patients
    "Hon arbetar inom hemsjukvården i kommunen sedan tio år.",  # a workplace
])
def test_home_health_care_used_only_as_a_name_gives_no_label(rules, text):
    assert labels(rules, text) == []


def test_welfare_technology_in_municipal_elderly_care_is_no_digital_care(rules):
    text = "Allt fler kommuner använder välfärdsteknik som digital tillsyn och trygghetslarm i äldreomsorgen."
    assert labels(rules, text) == []


def test_patient_safety_inside_care_is_no_prevention(rules):
    text = "Personalen på särskilt boende arbetar för att förebygga trycksår och fall hos de boende."
    assert labels(rules, text) == []
    assert labels(rules, "Regeringen ger IVO i uppdrag att förebygga och motverka välfärdsbrottslighet.") == []
    assert labels(rules, "Folkhälsomyndigheten ska senast den 30 september redovisa uppdraget.") == []  # an agency's name


def test_a_ministers_visit_and_collaboration_with_the_police_give_no_label(rules):
    assert labels(rules, "Sjukvårdsministern besökte vårdcentralen i Kiruna och träffade personalen.") == []
    assert labels(rules, "Uppdraget genomförs i samverkan med Polismyndigheten och Ekobrottsmyndigheten.") == []


@pytest.mark.parametrize("text, expected", [
    ("Kommunen har byggt ut hemsjukvården så att fler kan vårdas hemma.", ["hemsjukvard", "nara"]),
    ("Regionen erbjuder digitala vårdbesök via 1177 för patienter med lätta besvär.", ["digital_vard"]),
    ("Regionen satsar på att förebygga ohälsa genom hälsosamtal med 40-åringar.", ["forebyggande", "halsosamtal"]),
    ("Regionen och kommunerna har utvecklat samverkan kring utskrivning från slutenvården.", ["samordning", "utskrivning"]),
    ("Regeringen vill korta vårdköerna så att fler får vård i rimlig tid.", ["tillganglighet"]),
    ("E-hälsomyndigheten ska ta fram en färdplan för en nationell digital infrastruktur för hälsodata.", ["informationsutbyte"]),
])
def test_the_measures_themselves_still_give_their_labels(rules, text, expected):
    assert labels(rules, text) == expected


def test_an_unrelated_phrase_blocks_only_its_own_sentence(rules):
    text = "Uppdraget ska genomföras i samverkan med polisen. Regionen och kommunerna stärker sin samverkan kring äldre."
    assert [(h.label, h.surface) for h in rules.analyse([text])[0].hits] == [("samordning", "samverkan")]
    assert rules.analyse([text])[0].hits[0].start > text.index(".")


def test_a_table_of_contents_is_found_by_any_leader_and_text_without_one_is_none():
    assert is_toc("Förord . . . . 3\nInledning . . . . 5")  # spaced leaders
    assert is_toc("Förord… 3")
    assert is_toc("Förord\t3")
    assert not is_toc("Mobila team (se avsnitt 3 .) finns i 12 regioner.")  # a spaced dot, but no leaders
    assert not is_toc("Förord ..... 3\nRegionen har 12 mobila team.\nDe besöker 300 patienter.")  # one line of three
    assert not is_toc("")


def test_the_phrase_index_finds_one_unit_phrases_longer_ones_and_none_past_the_end():
    index = PhraseIndex()
    index.add(0, ("mobil",))
    index.add(1, ("mobil", "team"))
    index.add(2, ("mobil", "team", "hemsjukvård"))
    assert index(["mobil", "team"]) == [(0, 0, 1), (1, 0, 2)]
    assert index(["mobil", "hemsjukvård", "mobil", "team", "hemsjukvård"]) == [(0, 0, 1), (0, 2, 3), (1, 2, 4), (2, 2, 5)]
    assert index(["mobil", "team", "vård"]) == [(0, 0, 1), (1, 0, 2)]  # the first two of a longer phrase, not its third
    index.add(3, ("fast", "läkarkontakt"))  # a first item that is no phrase of its own
    assert index(["fast", "vård", "fast", "läkarkontakt", "fast"]) == [(3, 2, 4)]
