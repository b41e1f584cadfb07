"""A label said in other words (issue 19, recall on unseen government text): the cue variants a reader
recognises beside the words the lists began with. Each case is a real sentence from a study passage
(annotations/unseen/SPLIT.md: passages.jsonl, unseen/tune.jsonl, train.jsonl's study side) or from the
unlabelled collection (no gold), with the exact labels the rules give it."""
import pytest

from reformtrace.annotate.rules import Rules

CASES = [
    # --- delaktighet: the patient's power, own strength and own care, and care decided by the patient's wishes
    ("Delprojektet Patientens kunskapsstöd startades under våren, för att bidra till mer patientmakt och komplettera de "
     "kunskapsstöd som utarbetas för professionen, inom ramen för Kunskapsstyrningen.", ["delaktighet"]),
    ("Stödet till omställningen behöver fokusera på hur man får till en ledning, styrning och organisation som stödjer "
     "samverkan, att vårdåtgärder ges på lämpligast vårdnivå och sätts in tidigt, samt att invånarna involveras i sin "
     "egen vård och hälsa.", ["delaktighet", "samordning", "tillganglighet"]),
    ("För att förebygga försämringar är det angeläget att personer med kroniska sjukdomar får lämplig vård och stöd till "
     "att ta hand om sin hälsa, oavsett var i sjukdomsförloppet individen befinner sig.", ["delaktighet", "forebyggande"]),
    ("Socialstyrelsen bidrar med att stödja ett personcentrerat förhållningssätt som stärker invånarnas förutsättningar "
     "att påverka sin hälsa.", ["delaktighet"]),
    ("Syftet är att ta fram ett stöd så att dessa personer i högre grad själva och utifrån egna resurser kan ta större "
     "ansvar för sin hälsa och vård.", ["delaktighet"]),
    ("Region Gotland anger att distansmonitorering kan öka patientens egen kraft, minska antalet vårdbesök och öka "
     "tryggheten för patienter i hemmet.", ["delaktighet", "egenmonitorering", "nara"]),
    ("Förslagen är en del av den process som pågår för att bl.a. med hjälp av IT få till stånd en bättre samverkan mellan "
     "hälso- och sjukvårdens aktörer och en starkare patientorientering i verksamheten.", ["delaktighet"]),
    ("Patientens medicinska behov och egna önskemål ska vara avgörande.", ["delaktighet"]),
    ("Ett program för förstärkt brukarinflytande och minskad stigmatisering ska bedrivas tillsammans med patient-, "
     "brukar- och anhörig-organisationer.", ["delaktighet"]),
    # --- samordning: integrated care, and the split of responsibility between health care and social services
    ("– Det behövs en bättre och mer sammanhållen vård för att möta de utmaningar som finns inom vuxenpsykiatrin.",
     ["psykisk_halsa", "samordning"]),
    ("I dag är ansvarsfördelningen mellan hälso- och sjukvården och socialtjänsten otydligt, vilket innebär att många "
     "inte får den samordnade och behovsanpassade vård de behöver.", ["samordning"]),
    # a network's name is none
    ("Nätverken Mötesforum Nära Vård, Nätverket för sammanhållen vård och omsorg, MAS-nätverket och Vårdvalsnätverket "
     "har bjudits in att delta.", []),
    # --- sip by the law's older words; the municipalities' and county councils' agreements bind no patient
    ("Vidare föreslås att kommuners och landstings skyldigheter i fråga om gemensam individuell planering och "
     "gemensamma överenskommelser om samarbete regleras i såväl SoL som HSL.", ["samordning", "samverkansstruktur", "sip"]),
    # --- primarvard_nav: patients steered to primary care, primary care's larger responsibility, care taken early there
    ("Region Östergötland har utvecklat sina direktiv när det gäller att hänvisa patienter till rätt vårdnivå, vilket "
     "ger ambulanssjuksköterskan möjlighet att hänvisa patienter till egenvård, primärvård eller ett annat transportsätt "
     "än ambulans.", ["ambulans", "delaktighet", "primarvard_nav", "tillganglighet"]),
    ("Primärvården har fått ett allt större ansvar och fler uppgifter.", ["primarvard_nav"]),
    ("Även om det totala antalet fysiska besök i den regionala primärvården inte har ökat för befolkningen i stort, "
     "tyder regionala analyser på att primärvården över tid har fått ett allt större uppdrag.", ["primarvard_nav"]),
    ("också att ett tidigt omhändertagande på vårdcentralen ger förutsättningar för vårdkvalitet, patientsäkerhet och "
     "ett effektivt resursutnyttjande (Socialstyrelsen 2024c).", ["effektivitet", "primarvard_nav"]),
    # --- samverkansstruktur: the regional agreements and arenas for collaboration
    # (001_socialstyrelsen_uppfoljning_2021:0078, whose gold has samverkansstruktur)
    ("I Halland har man exempelvis beslutat att ta fram en regional överenskommelse om samverkan mellan regionen och kommuner när det gäller ansvarsfördelning och samordnade insatser till barn, till individer med psykisk funktionsnedsättning, riskbruk, skadligt bruk eller beroende och till unga som vårdas utanför det egna hemmet.",
     ["psykisk_halsa", "samordning", "samverkansstruktur"]),
    ("Socialstyrelsen och Universitetskanslersämbetet får tillsammans i uppdrag att analysera och föreslå hur "
     "samverkansarenor på nationell och regional nivå mellan aktörer med ansvar för kompetensförsörjningen inom hälso- "
     "och sjukvården kan utvecklas långsiktigt.", ["kompetensforsorjning", "samverkansstruktur"]),
    # --- tillganglighet: care in time with the words between
    ("Att säkra att fler i Sverige får den vård de behöver i tid är en av regeringens viktigaste uppgifter på hälso- och "
     "sjukvårdspolitikens område.", ["tillganglighet"]),
    # --- nara: care moved to the person's own home; kontinuitet: relational continuity in other words
    ("Vården och omsorgen för de äldre har under de senaste decennierna flyttats till det egna boendet vilket innebär ett "
     "ökat behov av primärvård.", ["nara", "primarvard_nav"]),
    ("följer invånaren under hela livscykeln och att det finns en kontinuerlig relation mellan invånaren och vårdteamet "
     "när det behövs", ["kontinuitet"]),
    # --- digital_vard by its older names (the unlabelled collection)
    ("Vård ITiden - strategier och åtgärder för att bredda användningen av telemedicin och distansöverbryggande vård",
     ["digital_vard"]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_label_said_in_other_words_is_found(rules: Rules, text: str, expected: list[str]):
    assert sorted(rules.analyse([text])[0].labels) == expected


def test_digital_care_contacts_are_digital_care_beside_the_remote_visits(rules: Rules):
    """"vårdkontakt" is one unit (a cue of fast_lakarkontakt's), which the care cue "digital kontakt" does not
    reach: the phrase is a cue of its own."""
    text = ("En del av ökningen av andelen distansbesök utgörs dock av förbättrad rapportering av digitala "
            "vårdkontakter.")
    hits = [(hit.label, hit.cue, hit.surface) for hit in rules.analyse([text])[0].hits]
    assert hits == [("digital_vard", "distansbesök", "distansbesök"),
                    ("digital_vard", "digital vårdkontakt", "digitala vårdkontakter")]
