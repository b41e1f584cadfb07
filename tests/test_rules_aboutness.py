"""The rule layer's second round on other publishers' texts (issue 19, "aboutness, not words"): an
intervention's cue in a sentence on another field, or inside a title that names a law or a person, is
no evidence. Each case is a real sentence from a study passage (annotations/unseen/SPLIT.md) with the
exact labels the rules now give; the measures themselves keep theirs."""
import pytest

from reformtrace.annotate.rules import Rules, blank_running_lines
from reformtrace.annotate.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_taxonomy())


def labels(rules: Rules, text: str) -> list[str]:
    return sorted(rules.analyse([text])[0].labels)


@pytest.mark.parametrize("text, expected", [
    # the digital infrastructure of a national care brokering is access to care, no exchange of records
    ("En del i den framväxande nationella digitala infrastrukturen är inrättandet av en nationell vårdförmedling.",
     ["tillganglighet"]),
    # a person's title
    ("Dialogforumet består av representanter från myndigheter, SKR, bred representation av regioner och kommuner "
     "samt regeringens samordnare för nationell digital infrastruktur i hälso- och sjukvården.", []),
    # a law's title
    ("Genom ändringar i patientjournallagen tydliggörs vad som gäller för biobanker.", []),
    # the secondary use of health data for research and statistics
    ("Statistiska centralbyrån (SCB) får i uppdrag att utreda förutsättningarna för hur säkra behandlingsmiljöer "
     "enligt EHDS ska kunna tillhandahållas.", []),
    ("Inspektionen för vård och omsorg (IVO) får i uppdrag att förbereda för att bli organ för tillgång till hälsodata "
     "med ansvar för att övervaka och kontrollera regelefterlevnad enligt EHDS.", []),
])
def test_information_exchange_is_records_shared_in_care(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Regeringen har en målsättning om en nationell digital infrastruktur för hälso- och sjukvården där staten tar "
     "ett större ansvar.", ["informationsutbyte"]),
    ("Som del i det förberedande arbetet med EHDS har utredaren fått i uppdrag att analysera vilka rättsliga "
     "anpassningar som är nödvändiga.", ["informationsutbyte"]),
])
def test_information_exchange_itself_keeps_its_label(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a cooperation agreement with Ukraine listing areas: aid abroad
    ("Avtalet kommer att skapa förutsättningar för långsiktigt samarbete mellan Socialdepartementet och det ukrainska "
     "hälsodepartementet på områden som läkemedel, antibiotikaresistens, rehabilitering, cancervård och "
     "kompetensförsörjning inom hälso- och sjukvården.", []),
    # labour-market policy at large and discrimination at hiring are other fields
    ("Utbildningen ska också syfta till att leda till kompetenser som efterfrågas på arbetsmarknaden vid "
     "företagsetableringar och företagsexpansioner.", []),
    ("Bekämpning av diskriminering vid rekrytering och främjande av mångfald i arbetslivet: verktyg och erfarenheter", []),
    # care staff's supply itself
    ("Socialstyrelsen får i uppdrag att fördela och betala ut medel i syfte att öka antalet AT för att säkra "
     "kompetensförsörjningen av läkare på kort och lång sikt.", ["kompetensforsorjning"]),
])
def test_staff_supply_abroad_or_in_the_labour_market_is_another_field(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the scope of the government's commission to an agency or an inquiry (contraceptives free of charge
    # are prevention, as the coder has it)
    ("Uppdraget omfattar även införandet av kostnadsfria preventivmedel för unga under 21 år, under förutsättning "
     "att riksdagen beslutar om det. Myndigheten ska särskilt granska insatserna utifrån ett patient- och "
     "medborgarperspektiv.", ["forebyggande"]),
    ("Uppdraget omfattar endast den regionalt finansierade hälso- och sjukvården och därmed inte huvudmannaskapet "
     "för den kommunalt finansierade hälso- och sjukvården.", []),
    # a region's commission to the health centres it contracts
    ("Västra Götalandsregionen ”Uppdraget omfattar planerad och oplanerad vård i form av rådgivning, utredning, "
     "diagnostik, behandling samt uppföljning för de individer som valt vårdcentralen.”", ["styrning_ersattning"]),
])
def test_a_commission_is_steering_where_care_providers_are_named(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("När regioner ingår avtal med privata vårdgivare, som utöver regionen har ytterligare uppdragsgivare, föreslår "
     "regeringen att det i avtalet ska framgå hur man ska säkra att vårdgivarens övriga uppdrag inte negativt påverkar "
     "hur man utför de uppgifter som regionen har lämnat och hur detta följas upp.", ["styrning_ersattning"]),
    ("Utredaren ska beakta följande förslag: ett nationellt utformat uppdrag för primärvården.", ["styrning_ersattning"]),
])
def test_contracts_with_care_providers_are_steering(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Regeringen ställer i uppdraget höga krav på säkerhet och skydd om den personliga integriteten, samt att "
     "infrastrukturen ska bidra till förbättrad patientsäkerhet genom att rätt information ska finnas tillgänglig i "
     "varje vårdsituation.", ["informationsutbyte"]),
    ("Utredningen föreslår bl.a. ett centralt patientdataindex (PDI) som möjliggör att vårdaktörer kan hitta var "
     "patienters uppgifter finns.", ["informationsutbyte"]),
    ("Uppgifter om enskild som vårdas enligt LPT eller LRV ska kunna lämnas, utan hinder av sekretess, mellan "
     "myndigheter inom hälso- och sjukvården och socialtjänsten.", ["informationsutbyte"]),
    # specialist training by its other name
    ("Socialstyrelsen bör utreda införande av försäkringsmedicin som tilläggsspecialitet inom läkares "
     "specialisttjänstgöring.", ["kompetensforsorjning"]),
])
def test_records_shared_and_specialist_training_by_other_names(rules, text, expected):
    assert labels(rules, text) == expected


FOOTER = "52 Tillgänglig vård och omsorg VÅRD OCH OMSORG OM ÄLDRE – LÄGESRAPPORT 2016 SOCIALSTYRELSEN"


def test_a_running_footer_inside_a_passage_is_no_evidence(rules):
    text = ("De tvingas till ytterligare en flytt på en ofta kort tid, vilket de kan uppleva som ett stressmoment. "
            + FOOTER)
    assert labels(rules, text) == []
    blanked = blank_running_lines(text)
    assert len(blanked) == len(text) and blanked.rstrip().endswith("stressmoment.")
    # the chapter's title as the passage's own words keeps its label
    assert labels(rules, "Målet är en tillgänglig vård och omsorg för alla äldre.") == ["tillganglighet"]


@pytest.mark.parametrize("text", [
    "Samverkan mellan SKR, IVO och SCB ökar.",
    "Det gäller 12 regioner enligt SKR och IVO.",
])
def test_a_sentence_with_acronyms_is_no_running_line(text):
    assert blank_running_lines(text) == text


@pytest.mark.parametrize("text, expected", [
    # the state's national plans are no collaboration structure of the region and its municipalities
    ("Regeringen uppdrar åt Socialstyrelsen att föreslå en nationell plan för att förbättra hälso- och sjukvårdens "
     "kompetensförsörjning.", ["kompetensforsorjning"]),
    ("En nationell plan för transportinfrastrukturen fram till 2029 beslutas.", []),
    # a county-wide plan of the region and its municipalities is
    ("Region och kommuner i länet har tagit fram en länsgemensam handlingsplan för omställningen.", ["samverkansstruktur"]),
])
def test_a_national_plan_is_no_regional_collaboration_structure(rules, text, expected):
    assert labels(rules, text) == expected
