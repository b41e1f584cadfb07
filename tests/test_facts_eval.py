"""`reformtrace evaluate facts`: a reader's region facts against a run's evidence rows."""
import csv
import gzip
import json
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
    """A g0vse fact's document is copied, an unlabelled one's taken from the collection
    (its path with "/" as "_"); a corpus-dev of its own, as CI has no ../shared."""
    facts = [f for f in read_facts(FACTS) if f["doc"] == HALLAND or f["region"] == "09"]
    dev = tmp_path / "corpus-dev"
    (dev / "g0vse").mkdir(parents=True)
    for f in facts:
        if f["source"] == "g0vse":
            (dev / "g0vse" / f["doc"]).write_text(f"# {f['doc']}\n\n{f['quote']}\n", encoding="utf-8")
    unlabelled = [{"path": "pressmeddelanden/2023/11/sjukvardsministern-besoker-halland.md",
                   "text": "# Sjukvårdsministern besöker Halland\n\nSjukvårdsminister Acko Ankarberg Johansson besöker Halland."},
                  {"path": "pressmeddelanden/2023/12/182-miljoner-betalas-ut-till-regionerna-for-arbete-med-standardiserade-"
                           "vardforlopp-i-cancervarden.md", "text": "Gotland: 1 057 701 kronor"},
                  {"path": "pressmeddelanden/2024/01/annat.md", "text": "Ett annat pressmeddelande."}]
    with gzip.open(dev / "g0vse-unlabelled.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in unlabelled)
    write_corpus(facts, tmp_path / "corpus", dev)
    names = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    assert names == sorted({f["doc"] for f in facts}) and len(names) == 4
    assert (tmp_path / "corpus" / HALLAND).read_text(encoding="utf-8").startswith("# Sjukvårdsministern besöker Halland\n")


def test_without_the_development_corpus_the_command_names_the_folder(tmp_path, monkeypatch, capsys):
    """A clone with no ../shared/ beside it: `evaluate facts` ends with status 2 and a line
    naming the folder it looked for, as `evaluate extract` does, not a traceback."""
    from reformtrace.cli import main

    monkeypatch.chdir(tmp_path)
    status = main(["evaluate", "facts", "--annotations", str(FACTS.parents[1])])
    assert status == 2
    assert capsys.readouterr().err == (
        "reformtrace: error: ../shared/corpus-dev: no development corpus (the shared corpus-dev/ folder, whose g0vse/ "
        "texts the facts were read in); run from a checkout that has ../shared/ beside it\n")
    assert not (tmp_path / "corpus").exists()
