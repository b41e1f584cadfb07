"""A small run made by hand for the output tests: real passages from the
sample reports (000, 001, 004) with labels and regions set as a reader would,
plus one hostile passage (formula and script injection)."""
from __future__ import annotations

from reformtrace.model import Label, LabelledPassage, Passage, Problem, RegionMention, Repair, ReportResult

HOSTILE = "=SUM(1) <script>alert(1)</script> </script><img src=x onerror=alert(1)> Region Kalmar erbjuder digitala vårdbesök."


def _cues(label: str, text: str) -> list[list[int]]:
    """Where the label's cue words stand in the text, as the rule layer marks them."""
    words = {"mobila_team": "obil", "hemsjukvard": "hemsjukvård", "sip": "individuell plan", "halsosamtal": "hälsosamtal",
             "patientkontrakt": "patientkontrakt", "digital_vard": "digitala vårdbesök", "samordning": "samverkan",
             "forebyggande": "förebygga", "delaktighet": "patientkontrakt", "nara": "hemma", "tillganglighet": "digitala"}
    word = words.get(label, "")
    at = text.find(word) if word else -1
    return [[at, at + len(word)]] if at >= 0 else []


def _passage(report: str, n: int, page: int, section: list[str], text: str, goals=(), interventions=(), mentions=()) -> LabelledPassage:
    mentions = [RegionMention(code, text.index(surface), text.index(surface) + len(surface), surface, via)
                for code, surface, via in mentions]
    return LabelledPassage(
        Passage(f"{report}:{n:04d}", report, page, section, text, 0, len(text)),
        [Label(g, s, [f"rule: {g}"], _cues(g, text)) for g, s in goals],
        [Label(i, s, [f"rule: {i}", "model p=0.91"], _cues(i, text)) for i, s in interventions],
        sorted({m.code for m in mentions}),
        mentions,
    )


R000, R001, R004 = "000_socialstyrelsen_uppfoljning_2022", "001_socialstyrelsen_uppfoljning_2021", "004_vardanalys_slutrapport_2025"
TEAM = ["5 Arbetet med omställningen", "Mobila team och hemsjukvård"]


def results() -> list[ReportResult]:
    r001 = ReportResult(R001, {
        "source": f"{R001}.txt", "publisher": "Socialstyrelsen", "year": 2022, "covers": "2021",
        "title": "Uppföljning av omställningen till en mer nära vård 2021", "kind": "text exported from PDF",
    }, 40, [
        _passage(R001, 1, 12, TEAM,
                 "De flesta regioner redovisar att de arbetar med mobila team,\nhemsjukvård  och samordnad individuell plan.",
                 interventions=[("mobila_team", 0.97), ("hemsjukvard", 0.88), ("sip", 0.9)]),
        _passage(R001, 2, 12, TEAM,
                 "Ett exempel är att Region Västerbotten och Skellefteå kommun under våren\n2021 började samarbeta om ett "
                 "mobilt primärvårdsteam för vård, omsorg och stöd hemma.",
                 goals=[("nara", 0.81), ("samordning", 0.77)], interventions=[("mobila_team", 0.95)],
                 mentions=[("24", "Region Västerbotten", None), ("24", "Skellefteå", "Skellefteå")]),
        _passage(R001, 3, 15, ["5 Arbetet med omställningen", "Hälsosamtal"],
                 "Region Uppsala anger att det primära syftet med riktade hälsosamtal är att förebygga hjärt- och "
                 "kärlsjukdom men också att minska risken att utveckla exempelvis cancer och diabetes typ 2.",
                 goals=[("forebyggande", 0.9)], interventions=[("halsosamtal", 0.99)],
                 mentions=[("03", "Region Uppsala", None)]),
        _passage(R001, 4, 18, ["5 Arbetet med omställningen", "Patientkontrakt"],
                 "Region Gävleborg skriver att det är en fördel om patientkontraktet och SIP hålls isär.",
                 goals=[("delaktighet", 0.7)], interventions=[("sip", 0.93), ("patientkontrakt", 0.96)],
                 mentions=[("21", "Region Gävleborg", None)]),
        _passage(R001, 5, 20, ["6 Avslutande reflektioner"],
                 "Socialstyrelsen kommer att fortsätta följa arbetet under kommande år."),
    ])
    r000 = ReportResult(R000, {
        "source": f"{R000}.txt", "publisher": "Socialstyrelsen", "year": 2023, "covers": "2022",
        "title": "Uppföljning av omställningen till en mer nära vård 2022", "kind": "OCR text layer",
    }, 30, [
        _passage(R000, 1, 9, TEAM, "I Halland har mobila team arbetat med vaccinationer under pandemin.",
                 interventions=[("mobila_team", 0.94)], mentions=[("13", "Halland", None)]),
        _passage(R000, 2, 11, ["Digitala vårdmöten"], HOSTILE,
                 goals=[("tillganglighet", 0.66)], interventions=[("digital_vard", 0.92)],
                 mentions=[("08", "Region Kalmar", None)]),
    ], repairs=[Repair(R000, 9, 120, "nira", "nära", 0.98), Repair(R000, 9, 180, "14n", "län", 0.95)])
    r004 = ReportResult(R004, {
        "source": f"{R004}.txt", "publisher": "Vårdanalys", "year": 2025, "covers": "2019–2024",
        "title": "Omtag för omställning", "kind": "text exported from PDF",
    }, 250, [
        _passage(R004, 1, 101, ["7 Fallstudier"],
                 "I Region Skåne och Västra Götalandsregionen har mobila team byggts ut i samverkan med kommunerna.",
                 goals=[("samordning", 0.85)], interventions=[("mobila_team", 0.96)],
                 mentions=[("12", "Region Skåne", None), ("14", "Västra Götalandsregionen", None)]),
        _passage(R004, 2, 102, ["7 Fallstudier"], "Mobila team i Halland arbetar nära kommunernas hemsjukvård.",
                 interventions=[("mobila_team", 0.9)], mentions=[("13", "Halland", None)]),
    ])
    return [r004, r001, r000]  # not in id order: the outputs sort


PROBLEMS = [Problem("trasig.pdf", "extract", "not a PDF (no %PDF header)")]
SUMMARY = {"reports": 3, "pages": 320, "passages": 9, "repairs": 2, "errors": 1, "seconds": {"extract": 1.5, "annotate": 2.25}}
