"""The rule layer on texts from other publishers (annotations/unseen/GUIDE.md, "Additions for texts from
other publishers"): a cue used for another topic, a neighbouring field or a name is no evidence. Each case
is a real sentence of the kind the coders left unlabelled, with the exact labels the rules now give; the
last test keeps the measures themselves labelled."""
import pytest

from reformtrace.annotate.rules import Rules
from reformtrace.annotate.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_taxonomy())


def labels(rules: Rules, text: str) -> list[str]:
    return sorted(rules.analyse([text])[0].labels)


@pytest.mark.parametrize("text, expected", [
    # national agencies and SKR working together: no collaboration between care givers
    ("Socialstyrelsen ska under arbetet vid behov samverka med Folkhälsomyndigheten och Läkemedelsverket.", []),
    ("Myndigheten ska genomföra uppdraget tillsammans med bland andra Sveriges Kommuner och Regioner, "
     "kommuner och regioner.", []),
    ("Socialstyrelsen har enligt sin instruktion ett nationellt samordningsansvar för krisberedskapen.", []),
    ("Under 2013 har Socialdepartementet i samverkan med övriga berörda aktörer genomfört en översyn av arbetet.", []),
    ("Utredaren ska identifiera hinder för samverkan på regional och nationell nivå.", []),
    # preparedness, the supply of medicines and the social insurance are neighbouring fields
    ("Läkemedelsverket ska analysera om samordning mellan aktörer inom hälso- och sjukvården och "
     "i läkemedelsförsörjningskedjan kan stärkas.", []),
    ("Åtgärderna omfattar krigsorganisation, samverkan och ledning samt utbildning och övning.", []),
    ("Förordningen gäller samordning av de sociala trygghetssystemen inom unionen.", []),
    # the liability for a child's patient fees is no discharge from inpatient care
    ("Propositionen gäller betalningsansvaret för underårigas avgifter inom hälso- och sjukvården.", []),
])
def test_collaboration_that_is_no_coordinated_care(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Regionen och kommunerna har utvecklat samverkan kring utskrivning från slutenvården.", ["samordning", "utskrivning"]),
    ("Kommunen ska samverka med regionen om hälso- och sjukvården i hemmet.", ["hemsjukvard", "nara", "samordning"]),
])
def test_coordinated_care_itself_keeps_its_labels(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # staff supply for health care as a whole, in a state assignment, the education system, a minister's words,
    # or national knowledge support: competence supply, but no resource to primary care (GUIDE.md)
    ("Socialstyrelsen får i uppdrag att fördela medel för att öka antalet AT och säkra kompetensförsörjningen av läkare.",
     ["kompetensforsorjning"]),
    # (a sentence that names no care at all is no evidence either: "utbildningsplatser" and "kompetensförsörjning"
    # are words of every policy field, care cues; test_rules_care.py)
    ("Nu byggs yrkeshögskolan och folkhögskolan ut med fler utbildningsplatser.", []),
    ("Ministrarna lyfte även vikten av kompetensförsörjning, med särskilt fokus på en god arbetsmiljö.", []),
    ("Socialstyrelsen ska ta fram kunskapsstöd och kompetensutvecklande insatser om akut omhändertagande av våldsutsatta.",
     ["kompetensforsorjning"]),
    # where primary care is named, or nothing else is, staff supply still speaks to a stronger primary care
    ("Socialstyrelsen får i uppdrag att öka antalet ST-läkare i allmänmedicin på vårdcentralerna.",
     ["kompetensforsorjning", "stark_primarvard"]),
    ("Regionen har anställt fler specialistsjuksköterskor.", ["kompetensforsorjning", "stark_primarvard"]),
])
def test_staff_supply_for_care_as_a_whole_is_no_resource_to_primary_care(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # information made available, a word that only splits into a cue, accessibility for people with disabilities,
    # medicines at the pharmacy and aid abroad: no access to care
    ("Läkemedelslistan ska säkerställa att rätt information om patienten finns tillgänglig i varje vårdsituation.",
     ["informationsutbyte"]),
    ("Förväntan är att regionerna använder pengarna för att undvika uppsägningar.", []),
    ("Med bristande tillgänglighet menas att en person med funktionsnedsättning missgynnas.", []),
    ("Regeringen vill förbättra tillgängligheten till läkemedel och säkerställa att apoteken kan möta efterfrågan.", []),
    ("Bidraget går till mat, skydd och tillgång till hälso- och sjukvård för civila i den humanitära krisen.", []),
    ("Regeringen föreslår 43 miljoner i ökat stöd till utvecklingen mot en nära och tillgänglig vård.", []),  # slogan
    # access itself
    ("Regionen har kortat väntetiderna på vårdcentralerna.", ["tillganglighet"]),
    ("Målet är en mer personcentrerad, jämlik och tillgänglig vård.", ["delaktighet", "tillganglighet"]),
])
def test_available_is_not_always_access_to_care(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a law replaced, a duty the law lays on every care giver, the state's money to the regions, any body's
    # basic mission and compensation for a patient injury: no commissioning or payment of care providers
    ("Den nuvarande lagen om yrkesverksamhet ersätts med en ny lag om patientsäkerhet.", []),
    ("Det föreslås att vårdgivarna ska vara skyldiga att erbjuda barn som är anhöriga information.", []),
    ("Staten och landstingen träffade en överenskommelse om ersättningar till hälso- och sjukvården för år 2001.", []),
    ("Med dessa insatser stärker regeringen välfärdens grunduppdrag.", []),
    ("Patienten kan begära ersättning enligt patientskadelagen.", []),
    # the region's commissioning and payment of its providers
    ("Regionen har infört en ny ersättningsmodell för vårdcentralerna med kapitering.", ["styrning_ersattning"]),
    ("I förfrågningsunderlaget anges att vårdgivaren ska erbjuda fast läkarkontakt.",
     ["fast_lakarkontakt", "kontinuitet", "styrning_ersattning"]),
])
def test_steering_is_the_commissioning_and_payment_of_care_providers(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a law's title and data for research are no information exchange between care givers; patients' own
    # electronic access to their records is a digital service for patients
    ("I denna del av verksamheten ska i stället patientdatalagen (2008:355) tillämpas.", []),
    ("Förslaget ger ett tydligt rättsligt stöd för den personuppgiftsbehandling som sker vid antalsberäkning "
     "inför klinisk forskning.", []),
    ("Vårdnadshavare får medges elektronisk tillgång till sina barns hälso- och sjukvårdsuppgifter.", ["digital_vard"]),
    ("Regionerna inför ett gemensamt journalsystem för att förbättra informationsöverföringen till kommunerna.",
     ["informationsutbyte"]),
    ("Bryter du foten i Grekland ska sjukhuset kunna få tillgång till dina journaluppgifter från Sverige.",
     ["informationsutbyte"]),
    ("Utredningen ska åstadkomma en bättre och säkrare informationsförsörjning av hälsodata mellan system och aktörer.",
     ["informationsutbyte"]),
])
def test_information_exchange_is_between_care_givers(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a patient perspective on an evaluation, an agency's name and disability policy: no person-centred care
    ("Utvärderingen ska ha ett system- och patientperspektiv.", []),
    ("Seminarium arrangerat av Myndigheten för delaktighet.", []),
    ("Syftet är att stötta funktionshindersorganisationerna i deras arbete för full delaktighet för personer "
     "med funktionsnedsättning.", []),
    # the patient as a participant in care
    ("Vårdcentralen arbetar personcentrerat och gör patienten delaktig i besluten.", ["delaktighet"]),
    ("Regeringen föreslår att patientens ställning stärks.", ["delaktighet"]),
])
def test_participation_is_the_patients_in_care(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # preventing shortages or sick leave, public health as a policy area, a meeting that only splits into
    # "hälsodialog": no prevention and health promotion
    ("Utredningen ska föreslå åtgärder för att förebygga och hantera brist på läkemedel.", []),
    ("Lägre ersättning ger minskade drivkrafter att förebygga sjukfrånvaro på arbetsplatser.", []),
    ("Regeringen har överlämnat den folkhälsopolitiska propositionen till riksdagen.", []),
    ("Efter lunch hålls en hälso- och sjukvårdsdialog mellan sjukvårdsministern och ledningen.", []),
    # prevention itself
    ("Vårdcentralen arbetar förebyggande med levnadsvanor och erbjuder hälsosamtal.", ["forebyggande", "halsosamtal"]),
])
def test_prevention_is_health_promotion_for_people(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # employers' organisations consulted, exercises for preparedness, training for courts and a shelter's
    # staffing are no staff supply or training for care
    ("Socialstyrelsen ska samråda med arbetsgivarorganisationer, universitet och patientorganisationer.", []),
    ("Myndigheten ska analysera landstingens behov av övnings- och utbildningsinsatser inför höjd beredskap.", []),
    ("Utredningen föreslår att särskilda utbildningsinsatser riktas till domstolar och familjerätter.", []),
    ("Ett skyddat boende ska ha tillräcklig bemanning.", []),
    # staff supply for primary care
    ("Regionen har rekryterat fler distriktssköterskor till vårdcentralerna.", ["kompetensforsorjning", "stark_primarvard"]),
])
def test_competence_supply_is_for_care_staff(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a parent's mental illness names a group; research networks are research's
    ("Personalen ska beakta barns behov av information om barnets förälder har en psykisk sjukdom.", []),
    ("Regeringen uppdrar åt Vetenskapsrådet att fördela medel till nationella samverkansnätverk för klinisk forskning.", []),
    ("Regionen har inrättat första linjens psykiatri på vårdcentralerna för personer med psykisk ohälsa.",
     ["primarvard_nav", "psykisk_halsa"]),
])
def test_a_named_group_and_research_networks_give_no_measure(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the manner of an agency's task, a report's title, effective medicines, effective coordination: no
    # efficient use of the care system's resources
    ("Myndigheten ska beskriva hur de nya uppgifterna kan utföras på ett resurseffektivt sätt.", []),
    ("Utredaren ska fördjupa analyserna av förslag i betänkandet Effektiv vård.", []),
    ("Nya effektiva antibiotika har låg användning när de kommer ut på marknaden.", []),
    ("Målet är effektiv samverkan mellan primärvård och specialiserad beroendevård.", ["samordning"]),
    # efficiency itself, also an efficient care system as the aim and time freed for staff
    ("Kommittén ska lämna förslag som säkerställer ett mer effektivt hälso- och sjukvårdssystem.", ["effektivitet"]),
    ("En sammanhållen intygshantering ger tids- och kvalitetsvinster för vårdpersonalen.", ["effektivitet"]),
    ("Genom nya arbetssätt kan vårdcentralerna använda resurserna effektivare och minska undvikbar slutenvård.",
     ["effektivitet", "stark_primarvard"]),
])
def test_efficiency_is_the_care_systems_use_of_resources(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # care organised by closeness to the patient, and the coordinated care plan of the compulsory care laws
    ("Mer resurser ska styras till de delar i systemet som kan hantera närhet till patienter.", ["nara"]),
    ("Chefsöverläkaren ansvarar för att en samordnad vårdplan upprättas.", ["samordning"]),
    ("Kommunen har byggt ut hemsjukvården så att fler kan vårdas hemma.", ["hemsjukvard", "nara"]),
    # "here at home" (in Sweden) and relief service for the disabled are no care close to the person
    ("Det lär oss mycket om hur vi ska arbeta med beredskap här hemma.", []),
    ("Insatsen avlösarservice behöver inte längre utföras i hemmet.", []),
])
def test_care_close_to_the_person_and_coordinated_plans(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # primary care's basic mission in the law and its important role speak of it as the first level
    ("Regeringen föreslår en bestämmelse om vad som ska ingå i primärvårdens grunduppdrag.", ["primarvard_nav"]),
    ("Primärvården har här en viktig roll när det gäller att ge information och stöd.", ["primarvard_nav"]),
    ("Primärvården ska vara första linjen och navet i vården.", ["primarvard_nav"]),
    # a report's title and every level of care name no hub
    ("Regeringen har remitterat SOU 2018:39 God och nära vård – En primärvårdsreform.", []),
    ("Ansvaret gäller alla vårdnivåer och alla åldrar.", []),
])
def test_primary_care_as_the_hub(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # access to and hiring of doctors, medical competence and specialist training are staff supply
    ("Den medicinska kompetensen i kommunal hälso- och sjukvård bör stärkas.", ["kompetensforsorjning", "stark_primarvard"]),
    ("Utredningen föreslår en ordning där kommuner kan anställa läkare.", ["kompetensforsorjning"]),
    ("Socialstyrelsen ska ta fram riktvärden för antal tjänster för specialiseringstjänstgöring i allmänmedicin.",
     ["kompetensforsorjning", "stark_primarvard"]),
])
def test_staff_supply_by_other_names(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a visit, staff as the audience of guidelines and the state's grants to every region: no resources
    # to primary care
    ("Ministern gör ett verksamhetsbesök på vårdcentralen för att träffa personal.", []),
    ("Riktlinjerna ska kommuniceras till vårdpersonal på vårdcentraler.", []),
    ("Medlen fördelas till de regioner som redovisar antal tillsatta AT-tjänster under året.", ["kompetensforsorjning"]),
    ("Regionen har anställt fler distriktssköterskor på vårdcentralerna.", ["kompetensforsorjning", "stark_primarvard"]),
])
def test_staff_named_or_funded_for_all_care_is_no_primary_care_resource(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # elderly care's regular care contact and business continuity in preparedness are no continuity of care
    ("Alla hemtjänsttagares rätt till en fast omsorgskontakt fastställs i lag.", []),
    ("Åtgärderna omfattar krigsplacering, kontinuitetshantering och beredskapsplanering.", []),
    ("Alla patienter ska erbjudas en fast läkarkontakt på vårdcentralen.", ["fast_lakarkontakt", "kontinuitet"]),
])
def test_continuity_is_a_regular_doctor_or_care_contact(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # eating disorders are mental ill-health; the national vaccination programme is prevention for the population
    ("Drygt 200 000 personer i Sverige uppskattas ha en ätstörning, men alltför många får inte vård.", ["psykisk_halsa"]),
    ("Regeringen föreslår att vaccin mot vattkoppor införs i det nationella allmänna vaccinationsprogrammet för barn.",
     ["forebyggande"]),
])
def test_mental_health_and_prevention_by_other_names(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # pent-up care needs are access; the patient's part in care is participation
    ("Regeringen uppdrar åt Socialstyrelsen att analysera uppdämda vårdbehov som uppstått som en konsekvens av covid-19.",
     ["tillganglighet"]),
    ("Det är viktigt att säkerställa patienternas medverkan i vården.", ["delaktighet"]),
])
def test_access_and_participation_by_other_names(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the alarm centre of municipal safety alarms is welfare technology in elderly care, no ambulance care
    ("De flesta av de digitala trygghetslarmen kommunicerar med larmcentralen via mobila nät (ca 80 procent).", []),
    # an ambulance service's alarm centre still is
    ("Regionen har upphandlat en ny larmcentral för ambulanssjukvården.", ["ambulans"]),
])
def test_safety_alarms_are_welfare_technology_not_ambulance_care(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "samverkan", "samordning" and "samarbete mellan" are loose cues: coordinated care only in a text on care
    # givers, patients or municipalities; policy areas, an agency's office or professions in sick-leave work are not
    ("Regeringen bedömer att samverkan mellan olika politikområden, så som innovation och hälso- och sjukvård, "
     "är av stor vikt för att möta framtidens samhällsutmaningar.", []),
    ("För att bistå i rådets arbete inrättas ett kansli vid Läkemedelsverket. Kansliet kommer att ansvara för "
     "samordning och administration.", []),
    ("Utredningen om läkarintygets betydelse i sjukpenningärenden har utrett läkarintygets betydelse i "
     "sjukpenningärenden och betydelsen av samarbete mellan professioner inom hälso- och sjukvården för läkares "
     "arbete med sjukskrivning.", []),
    # where primary care, municipal care or the reform is named, they still are
    ("Utreda och lämna förslag på hur samverkan mellan primärvården och den kommunala hälso- och sjukvården och "
     "omsorgen kan underlättas och hur gränssnittet mellan dessa verksamheter bör se ut.", ["samordning"]),
    ("Region Värmland redogör för att pandemin synliggjort behovet av samverkan för omställningen, vilket de menar "
     "gynnat den kulturförändring som behövs för att klara omställningen.", ["samordning"]),
])
def test_a_loose_cue_counts_only_in_a_text_on_its_topic(rules, text, expected):
    assert labels(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # one staff-supply cue in a text that names neither primary care nor the regions that run care: the state's,
    # an advisory group's or a government's staff policy, no stronger primary care
    ("Behovet av kompetensförsörjning lyftes av flera ledamöter. Flera framväxande områden, så som "
     "precisionsmedicin, väcker behov av nya kompetenser.", ["kompetensforsorjning"]),
    ("Vårdyrken ska vara attraktiva. Arbetsvillkoren förbättras. Fler utbildningsplatser skapas.", ["kompetensforsorjning"]),
    # the care givers named, primary care's doctors named, or two different cues: it still is
    ("För att vården ska bli hållbar behöver huvudmän och vårdgivare säkerställa en långsiktig kompetensförsörjning "
     "och att resurser används effektivt.", ["effektivitet", "kompetensforsorjning", "stark_primarvard"]),
    ("I Blekinge ökade kostnaderna för hyrpersonal med 50 procent 2015-2020. Eftersom hyrpersonal inte ingår i "
     "personalstatistiken kan anställda allmänspecialister ha ersatts av hyrläkare.", ["kompetensforsorjning", "stark_primarvard"]),
    ("Möjlighet läsa till specialistsjuksköterska inom ramen för tillsvidareanställning på heltid.",
     ["kompetensforsorjning", "stark_primarvard"]),
])
def test_staff_supply_implies_a_stronger_primary_care_only_where_care_givers_are_named(rules, text, expected):
    assert labels(rules, text) == expected


def test_a_list_of_sources_is_no_evidence(rules):
    # the neighbouring report's bibliography names reports on discharge and waiting times: no label
    text = ("55. Tidig koordinerad utskrivning och fortsatt rehabilitering i hemmiljö för äldre efter stroke: en "
            "systematisk litteraturöversikt. Stockholm: Statens beredning för medicinsk utvärdering (SBU); 2015. "
            "56. Weintraub, N. Äldreomsorg: nationella minoriteter: språk och kultur. Stockholm: Länsstyrelsen i "
            "Stockholms län; 2013.")
    assert labels(rules, text) == []
    # one reference in running text is no list: the discharge it speaks of stands
    assert labels(rules, "Tidig koordinerad utskrivning efter stroke (Stockholm: SBU; 2015) ger bättre rehabilitering.") == [
        "samordning", "utskrivning"]


@pytest.mark.parametrize("text, expected", [
    # a cost difference in staffing between regions: a weak cue with no staff beside it is no staff supply
    ("Medel fördelas efter vårdbehov, samtidigt som hänsyn tas till övriga regionala skillnader såsom löne- och "
     "bemanningsskillnader mellan stad och glesbygd.", []),
    # staffing beside staff supply, in primary care: it is
    ("Överenskommelserna fokuserar på att förbättra kvaliteten, tillgängligheten samt stärka kompetensförsörjningen "
     "och bemanningen, främst inom primärvården, förlossningsvården, cancervården och psykiatrin.",
     ["kompetensforsorjning", "stark_primarvard", "tillganglighet"]),
])
def test_a_staffing_figure_alone_is_no_staff_supply(rules, text, expected):
    assert labels(rules, text) == expected
