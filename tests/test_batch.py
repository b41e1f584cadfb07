"""The batch job: incremental reruns, parallel determinism, bad input, interruption.

Real extraction, segmentation and outputs on small Swedish reports made here;
repair and annotation are small stand-ins (module functions, so that the worker
processes can call them).
"""
from __future__ import annotations

import csv
import gzip
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from reformtrace import run as batch
from reformtrace.run import stages as real
from reformtrace.run import versions as versions_module
from reformtrace.run.cache import TABLES_SUFFIX
from reformtrace.cli import main as cli
from reformtrace.model import Label, LabelledPassage

SKANE = (
    "Region Skåne har under året startat mobila team för äldre personer i hemmet. "
    "Arbetet sker i samverkan med kommunerna i länet och med primärvården.\n\n"
    "Uppföljningen visar att tillgängligheten har förbättrats, men att kontinuiteten "
    "fortfarande är låg i flera delar av länet.\n"
)
UPPSALA = (
    "# Nära vård i Uppsala län\n\n"
    "Region Uppsala har infört fast läkarkontakt för patienter med kroniska sjukdomar.\n\n"
    "## Hälsosamtal\n\n"
    "Vårdcentralerna erbjuder riktade hälsosamtal till alla som fyller 40 år.\n\n"
    "## Samverkan\n\n"
    "Kommunerna och regionen har tagit fram en gemensam handlingsplan för omställningen.\n"
)
# Written in cp1252 below: å, ä and ö are single bytes that are not UTF-8.
GOTLAND = "Region Gotland har byggt upp hemsjukvård med läkarmedverkan i hela kommunen sedan våren.\n"
SOURCES = """\
[[report]]
file = "010_skane.txt"
publisher = "Region Skåne"
title = "Nära vård i Skåne"
year = 2023

[[report]]
file = "011_uppsala.md"
publisher = "Region Uppsala"
title = "Nära vård i Uppsala län"
year = 2024
"""


def repair(doc):
    return doc, []


def annotate(passages):
    """Every passage gets the goal `nara`; a passage naming Skåne gets region 12."""
    return [LabelledPassage(p, [Label("nara", 1.0, ["stand-in"])], [], ["12"] if "Skåne" in p.text else []) for p in passages]


def annotate_interrupted(passages):
    if passages and passages[0].report_id == "012_gotland":
        raise KeyboardInterrupt
    return annotate(passages)


def extract_crashing(path):
    if "crash" in path.name:
        os._exit(1)  # what a segfault in a PDF library looks like from outside
    return real.extract(path)


def extract_buggy(path):
    if "gotland" in path.name:
        raise RuntimeError("a bug")
    return real.extract(path)


def write_list(out_dir, results, problems, summary):
    """A light writer for tests about what was processed: one line per passage."""
    path = Path(out_dir) / "passages.txt"
    path.write_text("".join(f"{lp.passage.id}\t{lp.passage.text}\n" for r in results for lp in r.passages), encoding="utf-8")
    return [path]


def write_interrupted(out_dir, results, problems, summary):
    write_list(out_dir, results, problems, summary)
    raise KeyboardInterrupt


STAGES = batch.Stages(repair=repair, annotate=annotate, load=None, memos=None)
LIST = batch.Outputs(write=write_list, tabulate=None, prepare=None, context=None, review=None)  # the outputs' stand-in
REAL = batch.Outputs()


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "010_skane.txt").write_text(SKANE, encoding="utf-8")
    (corpus / "011_uppsala.md").write_text(UPPSALA, encoding="utf-8")
    (corpus / "012_gotland.txt").write_bytes(GOTLAND.encode("cp1252"))
    (corpus / "sources.toml").write_text(SOURCES, encoding="utf-8")
    return corpus


VERSIONS = batch.stage_versions()  # once: the tree may be edited while the tests run


def run(corpus: Path, out: Path, stages=STAGES, outputs=LIST, **options) -> batch.RunSummary:
    return batch.run_batch(corpus, out, batch.Options(**{"jobs": 2, **options}), stages, VERSIONS, outputs)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file but run.json (the run metadata, with times), the evidence's Parquet parts too."""
    files = [p for p in sorted(out.iterdir()) if p.is_file() and p.name not in ("run.json", batch.LOCK)]
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in files + sorted((out / "evidence").glob("*.parquet"))}


def outputs_but_news(out: Path) -> dict[str, bytes]:
    """The outputs but those that mark what is new since the previous run (a cold run has none)."""
    return {name: data for name, data in outputs(out).items() if name not in ("changes.csv", "report.html", "evidence.xlsx")}


def pdf_bytes(pages: int = 2, encrypt: bool = False, image: bool = False) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        if image:
            pdf.image(Image.new("RGB", (200, 100), "white"), x=20, y=20, w=100)
        else:
            pdf.multi_cell(0, 6, SKANE.replace("\n", " "))
    if encrypt:
        pdf.set_encryption(owner_password="ägare", user_password="hemligt")
    return bytes(pdf.output())


def test_rerun_redoes_nothing_and_keeps_the_outputs(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    first = run(corpus, out)
    assert (first.processed, first.from_cache, first.failed, first.passages) == (3, 0, 0, 6)
    before = outputs(out)
    second = run(corpus, out, stages=replace(STAGES, extract=extract_buggy))  # a stage that is never called
    assert (second.processed, second.from_cache, second.failed, second.passages) == (0, 3, 0, 6)
    assert not second.outputs_written and outputs(out) == before
    assert set(second.seconds) == {"survey", "outputs", "total"}
    forced = run(corpus, out, force=True)
    assert (forced.processed, forced.from_cache, forced.outputs_written) == (3, 0, True)
    assert {"extract", "repair", "segment", "annotate"} <= set(forced.seconds) and outputs(out) == before


def test_edited_metadata_rewrites_outputs_and_a_corrupt_cache_entry_is_redone(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out, outputs=REAL)
    (corpus / "sources.toml").write_text(SOURCES.replace("Nära vård i Skåne", "Nära vård i hela Skåne"), encoding="utf-8")
    cache = batch.Cache(out / ".cache")
    damaged = [e for e in (out / ".cache" / "annotate").glob("*/*.gz") if b"Gotland" in gzip.decompress(e.read_bytes())]
    damaged += [e for e in (out / ".cache" / batch.TABLES).glob(f"*/*{TABLES_SUFFIX}") if cache.load_tables(e.name.split(".")[0]).tables.report_id == "012_gotland"]
    assert sorted(e.parts[-3] for e in damaged) == ["annotate", "tables"]  # its result, and its rows of the outputs made of it
    for entry in damaged:
        entry.write_bytes(b"not a share")
    summary = run(corpus, out, outputs=REAL)
    assert (summary.processed, summary.from_cache, summary.failed, summary.outputs_written) == (1, 2, 0, True)
    evidence = rows(out / "evidence.csv")
    assert {r["title"] for r in evidence if r["report_id"] == "010_skane"} == {"Nära vård i hela Skåne"}
    assert [r["quote"] for r in evidence if r["report_id"] == "012_gotland"] == [GOTLAND.strip()]


def test_each_reports_share_of_the_outputs_is_cached_and_a_damaged_one_made_again(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out, outputs=REAL)
    tables = sorted((out / ".cache" / batch.TABLES).glob(f"*/*{TABLES_SUFFIX}"))
    assert len(tables) == 3
    cold = outputs(out)
    for entry in tables:
        entry.write_bytes(b"not a share")
    (corpus / "013_tom.txt").write_text("", encoding="utf-8")  # a change that rewrites the outputs
    summary = run(corpus, out, outputs=REAL)
    assert (summary.processed, summary.from_cache, summary.failed) == (1, 3, 1)
    after = outputs(out)
    parts = [name for name in cold if name.startswith("evidence/")]
    assert len(parts) == 3
    for name in ("evidence.csv", *parts, "reports.csv", "repairs.csv", "matrix_region_goal.csv"):
        assert after[name] == cold[name], name  # (the workbook and the HTML list the empty file now)
    assert all(batch.Cache(out / ".cache").load_tables(e.name.split(".")[0]) is not None for e in tables)


def test_changed_file_is_redone_and_removed_file_drops_out(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out)
    (corpus / "010_skane.txt").write_text(SKANE + "\nRegion Skåne öppnar tre nya närvårdsenheter under hösten.\n", encoding="utf-8")
    (corpus / "011_uppsala.md").unlink()
    summary = run(corpus, out)
    assert (summary.processed, summary.from_cache, summary.reports) == (1, 1, 2)
    assert [l.split("\t")[0] for l in lines(out / "passages.txt")] == ["010_skane:0001", "010_skane:0002", "010_skane:0003", "012_gotland:0001"]
    assert "Region Skåne öppnar tre nya närvårdsenheter under hösten." in lines(out / "passages.txt")[2]
    cached = {p.name.split(".")[0] for p in (out / ".cache" / "annotate").glob("*/*")}
    assert len(cached) == 2  # the old Skåne result and the Uppsala report were pruned


def test_changed_stage_version_redoes_only_that_stage(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    batch.run_batch(corpus, out, batch.Options(jobs=1), STAGES, VERSIONS, LIST)
    summary = batch.run_batch(corpus, out, batch.Options(jobs=1), STAGES, {**VERSIONS, "annotate": "new taxonomy"}, LIST)
    assert summary.processed == 3
    assert {"annotate", "survey", "outputs"} <= set(summary.seconds) and not {"extract", "repair", "segment"} & set(summary.seconds)


def test_stage_versions_follow_declared_sources():
    extract = {p.relative_to(versions_module.PACKAGE_DIR).as_posix() for p in versions_module.code_files(versions_module.declared("extract").code)}
    assert {"extract/__init__.py", "extract/decode.py", "extract/pdf.py", "lexicon.py", "model.py", "errors.py"} <= extract
    assert "segment.py" not in extract and not any(name.startswith("run/") for name in extract)
    data = versions_module.DATA_DIR
    gazetteer = {p.relative_to(data).parts[0] for p in versions_module.data_files(("gazetteer",), {"gazetteer", "lexicon", "report"})}
    assert "gazetteer" in gazetteer and not gazetteer & {"lexicon", "report"}
    from reformtrace.annotate import DEFAULT_MODEL_DIR

    assert DEFAULT_MODEL_DIR == data / "model" and "model" in versions_module.declared("annotate").data
    keys = batch.stage_keys("a.txt", "0" * 64, {s: "v" for s in batch.STAGES})
    changed = batch.stage_keys("a.txt", "0" * 64, {**{s: "v" for s in batch.STAGES}, "repair": "w"})
    assert [keys[s] == changed[s] for s in batch.STAGES] == [True, False, False, False]


def test_stage_versions_are_reused_while_their_files_are_unchanged_by_stat(tmp_path, monkeypatch):
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "stage.py").write_text("x = 1\n", encoding="utf-8")
    (package / "data" / "table.csv").write_text("a,b\n", encoding="utf-8")
    (package / "__pycache__").mkdir()
    later = os.stat(package / "stage.py").st_mtime_ns + 10**10  # a run ten seconds after the last edit
    first = batch.version_inputs([package], later)
    (package / "__pycache__" / "stage.pyc").write_bytes(b"compiled")  # not an input
    assert first is not None and batch.version_inputs([package], later) == first
    (package / "data" / "table.csv").write_text("a,bc\n", encoding="utf-8")
    assert batch.version_inputs([package], later) not in (first, None)
    assert batch.version_inputs([package], os.stat(package / "stage.py").st_mtime_ns + 10**9) is None  # edited a second ago: not trusted
    (package / "data" / "table.csv").unlink()
    assert batch.version_inputs([package], later) != first

    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    computed = []
    monkeypatch.setattr(versions_module, "stage_versions", lambda: computed.append(1) or VERSIONS)
    monkeypatch.setattr(versions_module, "version_inputs", lambda folders, now_ns: "unchanged")
    for options in ({}, {}, {"force": True}):
        batch.run_batch(corpus, out, batch.Options(jobs=1, **options), STAGES, outputs=LIST)
    assert len(computed) == 2  # the second run took them from the manifest; --force computes them again
    monkeypatch.setattr(versions_module, "version_inputs", lambda folders, now_ns: "edited")
    batch.run_batch(corpus, out, batch.Options(jobs=1), STAGES, outputs=LIST)
    assert len(computed) == 3


STAGE_ALONE = """
import json, pickle, sys
from pathlib import Path
stage, corpus, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if stage == "extract":
    from reformtrace.extract import extract
    value = [extract(corpus / name) for name in ("010_skane.txt", "011_uppsala.md", "028_rapport.pdf")]
else:
    value = pickle.loads((work / "input.pickle").read_bytes())
if stage == "repair":
    from reformtrace.repair import repair_document
    value = [repair_document(doc)[0] for doc in value]
elif stage == "segment":
    from reformtrace.segment import segment
    value = [(doc, segment(doc)) for doc in value]
elif stage == "annotate":
    from reformtrace.annotate import Annotator
    value = [(doc, Annotator.load().annotate(passages)) for doc, passages in value]
elif stage == "outputs":
    from reformtrace.model import ReportResult
    from reformtrace.outputs import write_outputs
    write_outputs(work / "out", [ReportResult(doc.report_id, {}, len(doc.pages), labelled, [], []) for doc, labelled in value], [], {})
(work / "input.pickle").write_bytes(pickle.dumps(value))
print(json.dumps(sorted(m.__file__ for name, m in sys.modules.items() if name.startswith("reformtrace.") and getattr(m, "__file__", None))))
"""


def test_each_stage_declares_every_module_it_runs(tmp_path):
    """A stage's version hashes what it declares: each stage runs alone in a fresh
    process, and every pipeline module it imported must be declared."""
    import json

    corpus = make_corpus(tmp_path)
    (corpus / "028_rapport.pdf").write_bytes(pdf_bytes())
    undeclared = {}
    for stage in (*batch.STAGES, "outputs"):
        done = subprocess.run([sys.executable, "-c", STAGE_ALONE, stage, str(corpus), str(tmp_path)], capture_output=True, text=True, check=True)
        declared = {str(p) for p in versions_module.code_files(versions_module.declared(stage).code)}
        undeclared[stage] = sorted(set(json.loads(done.stdout)) - declared - {str(versions_module.PACKAGE_DIR / "sources.py")})
    assert undeclared == {stage: [] for stage in undeclared}


def test_outputs_are_byte_identical_whatever_the_number_of_jobs(tmp_path):
    corpus = make_corpus(tmp_path)
    one = run(corpus, tmp_path / "one", outputs=REAL, jobs=1)
    two = run(corpus, tmp_path / "two", outputs=REAL, jobs=2)
    assert one.outputs_written and two.outputs_written
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    evidence = rows(tmp_path / "one" / "evidence.csv")
    assert [r["report_id"] for r in evidence] == ["010_skane"] * 2 + ["011_uppsala"] * 3 + ["012_gotland"]
    assert evidence[-1]["quote"] == GOTLAND.strip()  # the cp1252 file, read correctly


def test_outputs_after_a_new_report_are_those_of_a_cold_run(tmp_path):
    corpus = make_corpus(tmp_path)
    run(corpus, tmp_path / "out", outputs=REAL)
    (corpus / "009_kalmar.txt").write_text("Region Kalmar län startar mobila team för äldre i hemmet.\n", encoding="utf-8")
    incremental = run(corpus, tmp_path / "out", outputs=REAL)  # the cached reports tabulated ahead, the new one sorting first
    cold = run(corpus, tmp_path / "cold", outputs=REAL)
    assert (incremental.processed, incremental.from_cache, cold.processed) == (1, 3, 4)
    assert "Region Kalmar län startar mobila team" in (tmp_path / "out" / "evidence.csv").read_text(encoding="utf-8")
    assert outputs_but_news(tmp_path / "out") == outputs_but_news(tmp_path / "cold")  # but what is new: the new report's rows
    assert [(r["change"], r["report_id"], r["label"]) for r in rows(tmp_path / "out" / "changes.csv")] == [("added", "009_kalmar", "nara")]
    assert rows(tmp_path / "cold" / "changes.csv") == []


def test_the_annotators_memos_are_kept_for_the_next_run_and_change_no_output(tmp_path, caplog):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out, stages=batch.Stages(), outputs=REAL)
    memo = batch.Cache(out / ".cache").memo_file(VERSIONS["annotate"])
    kept = batch.load_memos(memo)
    # what the workers worked out came back (a word no other test tokenises: this process's tokenizer
    # may know a common one already, and then the workers need not work it out)
    assert ("läkarmedverkan", True) in kept["tokens"] and "Gotland" in kept["units"]
    assert "Kalmar" not in kept["units"]
    stale = memo.with_name("0" * 64 + ".pickle")  # another annotate version's
    stale.write_bytes(memo.read_bytes())
    (corpus / "009_kalmar.txt").write_text("Region Kalmar län startar mobila team för äldre i hemmet.\n", encoding="utf-8")
    assert run(corpus, out, stages=batch.Stages(), outputs=REAL).processed == 1
    assert "Kalmar" in batch.load_memos(memo)["units"] and not stale.exists()
    for table in real.annotator().memos().values():  # a cold run: this process's annotator forgets too
        table.clear()
    run(corpus, tmp_path / "cold", stages=batch.Stages(), outputs=REAL)
    assert outputs_but_news(out) == outputs_but_news(tmp_path / "cold")

    memo.write_bytes(memo.read_bytes()[:100])  # damaged: ignored, made again
    (corpus / "009_kalmar.txt").write_text("Region Kalmar län startar mobila team för äldre.\n", encoding="utf-8")
    assert run(corpus, out, stages=batch.Stages(), outputs=REAL).processed == 1
    assert "is unreadable" in caplog.text and "Kalmar" in batch.load_memos(memo)["units"]


def test_bad_files_are_listed_and_the_good_ones_processed(tmp_path, monkeypatch):
    import reformtrace.extract.pdf

    monkeypatch.setattr(reformtrace.extract.pdf, "tesseract_available", lambda: False)
    corpus = make_corpus(tmp_path)
    good = pdf_bytes()
    (corpus / "020_korrupt.pdf").write_bytes(os.urandom(2000))
    (corpus / "021_avbruten.pdf").write_bytes(good[: len(good) // 2])
    (corpus / "022_tom.txt").write_bytes(b"")
    (corpus / "023_krypterad.pdf").write_bytes(pdf_bytes(encrypt=True))
    (corpus / "024_bild.pdf").write_bytes(pdf_bytes(pages=1, image=True))
    (corpus / "025_binar.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "026_mapp.pdf").mkdir()
    (corpus / "027_lank.txt").symlink_to(tmp_path / "finns-inte.txt")
    (corpus / "028_rapport.pdf").write_bytes(good)
    out = tmp_path / "out"
    summary = run(corpus, out, outputs=REAL)
    errors = rows(out / "errors.csv")
    assert [(e["file"], e["stage"]) for e in errors] == [
        ("020_korrupt.pdf", "extract"), ("021_avbruten.pdf", "extract"), ("022_tom.txt", "extract"),
        ("023_krypterad.pdf", "extract"), ("024_bild.pdf", "extract"), ("025_binar.txt", "extract"),
        ("026_mapp.pdf", "read"), ("027_lank.txt", "read"),
    ]
    reasons = " | ".join(e["reason"] for e in errors)
    for words in ("not a PDF", "truncated", "empty", "encrypted", "Tesseract", "binary", "a folder", "broken link"):
        assert words in reasons
    reports = {r["report_id"] for r in rows(out / "evidence.csv")}
    assert reports == {"010_skane", "011_uppsala", "012_gotland", "028_rapport"}
    assert (summary.failed, summary.exit_status) == (8, batch.EXIT_FAILED)
    assert [w.split(":")[0] for w in summary.warnings] == ["012_gotland.txt", "028_rapport.pdf"]  # no "no entry in sources.toml" beside a failed file's reason
    again = run(corpus, out, outputs=REAL)  # bad verdicts are cached too
    assert (again.processed, again.failed, again.outputs_written) == (0, 8, False)


def test_limits_on_pages_and_size(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    (corpus / "030_lang.pdf").write_bytes(pdf_bytes(pages=3))
    (corpus / "031_stor.txt").write_text(SKANE * 5000, encoding="utf-8")
    summary = run(corpus, out, max_pages=2, max_mb=1)
    assert [(p.file, p.stage, p.reason) for p in summary.problems] == [
        ("030_lang.pdf", "limits", "3 pages, more than the limit of 2 (raise it with --max-pages)"),
        ("031_stor.txt", "limits", "1.4 MB, more than the limit of 1 MB (raise it with --max-mb)"),
    ]
    assert summary.processed == 4  # the PDF was opened to count its pages, not extracted
    again = run(corpus, out, max_pages=3, max_mb=1)  # limits are run options: never cached
    assert [p.file for p in again.problems] == ["031_stor.txt"] and again.processed == 1


def test_worker_crash_is_pinned_on_its_file(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    (corpus / "040_crash.txt").write_text(SKANE, encoding="utf-8")
    summary = run(corpus, out, stages=replace(STAGES, extract=extract_crashing))
    assert [(p.file, p.stage) for p in summary.problems] == [("040_crash.txt", "worker")]
    assert summary.processed == 4 and summary.passages == 6


def test_internal_error_is_listed_and_retried_next_run(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    summary = run(corpus, out, stages=replace(STAGES, extract=extract_buggy))
    assert [(p.file, p.stage, p.reason) for p in summary.problems] == [
        ("012_gotland.txt", "extract", "internal error (RuntimeError: a bug); the file was not processed")
    ]
    again = run(corpus, out)
    assert (again.processed, again.failed) == (1, 0)


def kill_outputs_process(out_dir, results, problems, summary):
    os.kill(os.getpid(), 9)  # the outputs process, killed (the OOM killer) while it writes


def test_a_dead_outputs_process_is_an_error_that_says_so_and_leaves_the_outputs(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out)
    before = outputs(out)
    (corpus / "010_skane.txt").write_text(SKANE + "\nEn ny mening.\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"the process writing the outputs died \(exit code -9\)"):
        run(corpus, out, outputs=batch.Outputs(write=kill_outputs_process, tabulate=None, prepare=None, context=None, review=None))
    assert outputs(out) == before


def test_interrupted_run_keeps_previous_outputs_and_resumes(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out, outputs=REAL)
    before = outputs(out)
    (corpus / "010_skane.txt").write_text(SKANE.replace("tre", "fyra") + "\nMobila team finns nu i alla kommuner i Skåne.\n", encoding="utf-8")
    (corpus / "012_gotland.txt").write_bytes(GOTLAND.replace("våren", "hösten").encode("cp1252"))
    with pytest.raises(KeyboardInterrupt):  # Ctrl-C while the last report is annotated
        run(corpus, out, stages=replace(STAGES, annotate=annotate_interrupted), outputs=REAL, jobs=1)
    assert outputs(out) == before
    resumed = run(corpus, out, outputs=REAL)
    assert (resumed.processed, resumed.from_cache, resumed.outputs_written) == (1, 2, True)
    quotes = [r["quote"] for r in rows(out / "evidence.csv")]
    assert "Mobila team finns nu i alla kommuner i Skåne." in quotes and GOTLAND.replace("våren", "hösten").strip() in quotes

    before = outputs(out)
    (corpus / "012_gotland.txt").write_bytes(GOTLAND.replace("våren", "vintern").encode("cp1252"))
    with pytest.raises(KeyboardInterrupt):  # Ctrl-C while the outputs are written
        run(corpus, out, outputs=batch.Outputs(write=write_interrupted, tabulate=None, prepare=None, context=None, review=None))
    assert outputs(out) == before
    resumed = run(corpus, out, outputs=REAL)
    assert (resumed.processed, resumed.from_cache, resumed.outputs_written) == (0, 3, True)
    assert GOTLAND.replace("våren", "vintern").strip() in [r["quote"] for r in rows(out / "evidence.csv")]


def test_report_text_cannot_inject_script_into_the_html(tmp_path):
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    hostile = "Region Skåne skriver <script>alert('xss')</script> och </script><img src=x onerror=alert(1)> i sin plan."
    (corpus / "050_elak.txt").write_text(hostile + "\n", encoding="utf-8")
    run(corpus, out, outputs=REAL)
    assert hostile in [r["quote"] for r in rows(out / "evidence.csv")]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html and "<img src=x" not in html


def test_shipped_run_with_the_real_stages_and_its_exit_statuses(tmp_path, capsys):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    assert cli(["run", "--corpus", str(corpus), "--out", str(out)]) == batch.EXIT_USAGE
    make_corpus(tmp_path)
    (corpus / "060_tom.md").write_bytes(b"   \n")
    assert cli(["run", "--corpus", str(corpus), "--out", str(out), "--quiet"]) == batch.EXIT_FAILED
    assert capsys.readouterr().err.splitlines()[-1] == "reformtrace run: 060_tom.md: extract: the file is empty"
    found = {(r["report_id"], r["region_code"], r["label"]) for r in rows(out / "evidence.csv")}
    assert {("010_skane", "12", "mobila_team"), ("011_uppsala", "03", "fast_lakarkontakt"), ("012_gotland", "09", "hemsjukvard")} <= found
    (corpus / "060_tom.md").unlink()
    assert cli(["run", "--corpus", str(corpus), "--out", str(out)]) == batch.EXIT_OK
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "rapporter: 3 (0 lästa nu, 3 från cachen; 0 av dem misslyckades)"  # Swedish by default
    assert re.fullmatch(r"sekunder: genomgång \d+\.\d, utdata \d+\.\d, totalt \d+\.\d", printed[2])  # the stages' names too
    assert cli(["run", "--corpus", str(corpus), "--out", str(out), "--lang", "en"]) == batch.EXIT_OK
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "reports: 3 (0 read now, 3 from the cache; 0 of them failed)"
    assert re.fullmatch(r"seconds: survey \d+\.\d, outputs \d+\.\d, total \d+\.\d", printed[2])
    assert rows(out / "errors.csv") == []
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX); print(1, flush=True); time.sleep(60)", str(out / batch.LOCK)],
        stdout=subprocess.PIPE,
    )
    try:
        holder.stdout.readline()  # another run holds the output folder
        assert cli(["run", "--corpus", str(corpus), "--out", str(out)]) == batch.EXIT_USAGE
    finally:
        holder.kill()
        holder.wait()
    assert "another `reformtrace run` is writing to" in capsys.readouterr().err


def test_a_large_runs_page_keeps_the_scripts_of_unchanged_reports_and_replaces_a_changed_ones(tmp_path, monkeypatch):
    from reformtrace.report import html_parts

    monkeypatch.setattr(html_parts, "LAZY_ROWS", 0)  # every run is large: the page's text in report_files/
    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out, outputs=REAL)
    scripts = lambda folder: {p.name: (p.stat().st_ino, p.read_text(encoding="utf-8")) for p in (folder / "report_files").iterdir()}  # noqa: E731
    before = scripts(out)
    assert len(before) == 3 and sum("våren" in text for _, text in before.values()) == 1
    (corpus / "012_gotland.txt").write_bytes(GOTLAND.replace("våren", "hösten").encode("cp1252"))
    (corpus / "009_kalmar.txt").write_text("Region Kalmar län startar mobila team för äldre i hemmet.\n", encoding="utf-8")
    run(corpus, out, outputs=REAL)
    after = scripts(out)
    assert [text for name, (_, text) in before.items() if name not in after] == [next(t for _, t in before.values() if "våren" in t)]
    assert {name: after[name] for name in before if name in after} == {name: v for name, v in before.items() if name in after}  # never rewritten
    added = [text for name, (_, text) in after.items() if name not in before]
    assert len(added) == 2 and any("hösten" in t for t in added) and any("Region Kalmar län startar" in t for t in added)
    run(corpus, tmp_path / "cold", outputs=REAL, cache_dir=out / ".cache")  # a cold run's outputs (of the same cached stages)
    assert {n: t for n, (_, t) in scripts(tmp_path / "cold").items()} == {n: t for n, (_, t) in after.items()}


def test_a_new_report_writes_its_own_evidence_part_and_leaves_the_others_as_they_were(tmp_path):
    from reformtrace.evidence_parts import read_evidence

    corpus, out = make_corpus(tmp_path), tmp_path / "out"
    run(corpus, out, outputs=REAL)
    parts = sorted((out / "evidence").iterdir())
    assert [p.name for p in parts] == ["010_skane.parquet", "011_uppsala.parquet", "012_gotland.parquet"]
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in parts}
    (corpus / "013_halland.txt").write_text("Region Halland har startat mobila team i samverkan med kommunerna i länet.\n", encoding="utf-8")
    summary = run(corpus, out, outputs=REAL)
    assert (summary.processed, summary.from_cache, summary.outputs_written) == (1, 3, True)
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in sorted((out / "evidence").iterdir())}
    assert sorted(after) == [*before, "013_halland.parquet"]
    assert {name: after[name] for name in before} == before  # the same files, never rewritten
    evidence = read_evidence(out)
    assert list(evidence["report_id"].unique()) == ["010_skane", "011_uppsala", "012_gotland", "013_halland"]
    assert "mobila team" in evidence.loc[evidence["report_id"] == "013_halland", "quote"].tolist()[0]
    assert [r["quote"] for r in rows(out / "evidence.csv")] == evidence["quote"].tolist()  # the CSV and the parts: one table
    (corpus / "011_uppsala.md").unlink()
    run(corpus, out, outputs=REAL)
    assert sorted(p.name for p in (out / "evidence").iterdir()) == ["010_skane.parquet", "012_gotland.parquet", "013_halland.parquet"]
