"""Collaboration structures in government texts (issue 19): a region's own action plan and a strategy the
actors wrote together are the intervention `samverkansstruktur`, as the coders of other publishers' texts
label them. Real passages from the study side (annotations/unseen/SPLIT.md), exact labels."""
import pytest

from reformtrace.annotate.rules import Rules
from reformtrace.annotate.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_taxonomy())


def labels(rules: Rules, text: str) -> list[str]:
    return sorted(rules.analyse([text])[0].labels)


@pytest.mark.parametrize("text, expected", [
    # "handlingsplan" beside the regions (context: region, landsting), not only beside the municipalities
    ("I det andra blocket ingår delar från 2022 års tilläggsöverenskommelse som rör insatser för att snabbare "
     "erbjuda väntande patienter vård, till exempel genom att hänvisa till andra vårdgivare som har kortare "
     "väntetider. Framför allt ingår ett fortsatt arbete efter regionens långsiktiga handlingsplan för ökad "
     "tillgänglighet i hälso- och sjukvården.", ["samverkansstruktur", "tillganglighet"]),
    # a joint strategy of the state, agencies and care providers' organisations
    ("År 2009 beslutades om en nationell strategi för kvalitetsutveckling genom öppna jämförelser inom "
     "socialtjänsten och hälso- och sjukvården. Bakom strategin står regeringen, Socialstyrelsen, Statens "
     "folkhälsoinstitut, Sveriges Kommuner och Landsting (SKL), Famna och Vårdföretagarna. Syftet med den "
     "gemensamma strategin är bland annat att skapa en samsyn mellan berörda aktörer och tydliggöra viktiga "
     "utvecklingsområden för arbetet.", ["samverkansstruktur"]),
])
def test_plans_and_strategies_of_the_actors_are_collaboration_structures(rules, text, expected):
    assert labels(rules, text) == expected
