"""The run on a Dask cluster (a LocalCluster of worker processes on this machine)
against the local pool: the same outputs byte for byte, a bad file listed, a
worker killed mid-run replaced and its report done all the same."""
from __future__ import annotations

from dataclasses import replace

import pytest

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

from cluster_standins import extract_dying  # noqa: E402
from test_batch import GOTLAND, REAL, VERSIONS, make_corpus, outputs, outputs_but_news, pdf_bytes, rows  # noqa: E402

from reformtrace import run as batch  # noqa: E402
from reformtrace.cli import main as cli  # noqa: E402


def local_cluster():
    """Two worker processes and a scheduler on localhost; a task that kills its
    worker twice is given up (KilledWorker)."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
        try:
            yield cluster.scheduler_address
        finally:
            cluster.close()


scheduler = pytest.fixture(scope="module")(local_cluster)
# The test that kills workers has a cluster of its own: on a busy machine the workers'
# restart may outlast it, and the tests after it would wait on a cluster without workers.
own_scheduler = pytest.fixture(local_cluster)


def run(corpus, out, stages=batch.Stages(), **options):
    return batch.run_batch(corpus, out, batch.Options(**options), stages, VERSIONS, REAL)


def test_a_cluster_writes_the_local_pools_outputs_and_lists_a_bad_file(tmp_path, scheduler):
    corpus = make_corpus(tmp_path)
    (corpus / "020_korrupt.pdf").write_bytes(b"%PDF-1.4 not really")
    (corpus / "028_rapport.pdf").write_bytes(pdf_bytes())
    local = run(corpus, tmp_path / "local", jobs=2)
    dask_run = run(corpus, tmp_path / "dask", scheduler=scheduler)
    assert (dask_run.processed, dask_run.failed, dask_run.jobs) == (5, 1, 2)
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert [(e["file"], e["stage"]) for e in rows(tmp_path / "dask" / "errors.csv")] == [("020_korrupt.pdf", "extract")]

    (corpus / "009_kalmar.txt").write_text("Region Kalmar län startar mobila team för äldre i hemmet.\n", encoding="utf-8")
    again = run(corpus, tmp_path / "dask", scheduler=scheduler)  # a new report: only it goes to the cluster
    assert (again.processed, again.from_cache, again.failed) == (1, 4, 1)
    cold = run(corpus, tmp_path / "cold", jobs=1)
    assert outputs_but_news(tmp_path / "dask") == outputs_but_news(tmp_path / "cold")  # (what is new since the previous run: a cold run has none)


def test_force_on_a_cluster_redoes_every_stage_as_on_the_local_pool(tmp_path, scheduler):
    corpus = make_corpus(tmp_path)
    run(corpus, tmp_path / "dask", scheduler=scheduler)
    before = outputs(tmp_path / "dask")
    forced = run(corpus, tmp_path / "dask", scheduler=scheduler, force=True)  # one round on a cluster: it redid annotate alone
    assert (forced.processed, forced.from_cache) == (3, 0)
    assert {"extract", "repair", "segment", "annotate"} <= set(forced.seconds) and outputs(tmp_path / "dask") == before


def test_a_killed_worker_is_replaced_and_a_report_that_kills_every_worker_listed(tmp_path, own_scheduler):
    corpus = make_corpus(tmp_path)
    (corpus / "040_dies_once.txt").write_bytes(GOTLAND.encode("cp1252"))
    (corpus / "041_always_dies.txt").write_bytes(GOTLAND.encode("cp1252"))
    summary = run(corpus, tmp_path / "out", replace(batch.Stages(), extract=extract_dying), scheduler=own_scheduler)
    assert [(p.file, p.stage) for p in summary.problems] == [("041_always_dies.txt", "worker")]
    assert "040_dies_once" in {r["report_id"][:14] for r in rows(tmp_path / "out" / "evidence.csv")}
    assert summary.processed == 5 and (corpus / ".040_dies_once.txt.died").exists()


def test_the_command_line_on_a_running_scheduler_and_workers_with_other_code(tmp_path, scheduler, capsys):
    corpus = make_corpus(tmp_path)
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "local"), "--quiet"]) == batch.EXIT_OK
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "dask"), "--scheduler", scheduler, "--quiet"]) == batch.EXIT_OK
    assert (tmp_path / "dask" / "evidence.csv").read_bytes() == (tmp_path / "local" / "evidence.csv").read_bytes()
    with pytest.raises(batch.ClusterError, match="run another reformtrace"):
        batch.run_batch(corpus, tmp_path / "other", batch.Options(scheduler=scheduler), batch.Stages(), {**VERSIONS, "annotate": "other"})


def test_a_scheduler_without_workers_is_named_instead_of_waited_on(tmp_path, monkeypatch):
    from reformtrace.run import cluster as dask_executor

    monkeypatch.setattr(dask_executor, "WORKER_WAIT", 2)
    bare = distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=":0")
    try:
        with pytest.raises(batch.ClusterError, match=f"no Dask worker joined the scheduler at {bare.scheduler_address} within 2 s"):
            run(make_corpus(tmp_path), tmp_path / "out", scheduler=bare.scheduler_address)
    finally:
        bare.close()
