"""`reformtrace evaluate facts`: a reader's region facts against a run's evidence rows."""
import csv
from pathlib import Path

from reformtrace.annotate.facts_eval import evidence_keys, found, read_facts, unread, write_corpus

FACTS = Path(__file__).resolve().parents[1] / "annotations" / "facts" / "tune.jsonl"
HALLAND = "pressmeddelanden_2023_11_sjukvardsministern-besoker-halland.md"


def test_the_facts_are_one_a_document_region_and_label():
    facts = read_facts(FACTS)
    keys = [(f["doc"], f["region"], f["label"]) for f in facts]
    assert len(facts) == 67 and len(set(keys)) == 67
    assert {f["source"] for f in facts} == {"g0vse", "unlabelled"}


def test_a_fact_is_found_by_a_row_of_its_document_region_and_label(tmp_path):
    evidence = tmp_path / "evidence.csv"
    with evidence.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["report_id", "region_code", "label", "quote"])
        writer.writerow([HALLAND[:-3], "13", "nara", "… få veta mer om närsjukvårdens arbete och arbetssätt."])
        writer.writerow(["another_document", "13", "samordning", "…"])
    facts = [{"doc": HALLAND, "region": "13", "label": "nara"}, {"doc": HALLAND, "region": "13", "label": "samordning"},
             {"doc": HALLAND, "region": "12", "label": "nara"}]
    keys = evidence_keys(evidence)
    assert found(facts, keys) == [True, False, False]
    assert unread(facts[1:], keys) == {(HALLAND[:-3], "13", "nara")}  # another document's row is not counted


def test_the_corpus_holds_the_documents_of_both_sources(tmp_path):
    facts = [f for f in read_facts(FACTS) if f["doc"] == HALLAND or f["region"] == "09"]
    write_corpus(facts, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted({f["doc"] for f in facts}) and len(names) == 4
    assert (tmp_path / HALLAND).read_text(encoding="utf-8").startswith("# Sjukvårdsministern besöker Halland\n")
