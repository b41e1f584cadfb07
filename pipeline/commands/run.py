"""`reformtrace run`: the whole corpus into out/, incrementally, in parallel."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
from contextlib import nullcontext
from pathlib import Path

from reformtrace.run import (
    ClusterError,
    DEFAULT_MAX_MB,
    DEFAULT_MAX_PAGES,
    ERRORS_CSV,
    EXIT_FAILED,
    EXIT_USAGE,
    Options,
    RunLocked,
    RunSummary,
    run_batch,
)
from reformtrace.commands.argtypes import positive_int, scheduler
from reformtrace.report.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings
from reformtrace.verdicts import DEFAULT_FILE, UNMATCHED_CSV

EPILOG = f"""\
Only new or changed reports are redone, and only from the first stage whose
code or data changed; the cache is in OUT/.cache unless --cache says otherwise.
A file that cannot be processed is listed in OUT/{ERRORS_CSV} and the run goes on.
Outputs are replaced only when the run gets to the end, so an interrupted run
leaves the previous ones; the next run resumes from the finished reports.

Verdicts (--verdicts, or {DEFAULT_FILE} when it exists): a CSV with the columns
report_id, passage_id, region_code, label, verdict (correct or wrong; rätt or fel) and an
optional note. A wrong row stays in evidence.csv with verdict=wrong and counts
in no matrix, spread or chart; a verdict whose row is gone is listed in
OUT/{UNMATCHED_CSV}. OUT/changes.csv lists the rows added and removed since
the previous run whose evidence differed.

exit status:
  0  every report was processed
  {EXIT_USAGE}  usage error: bad arguments, no corpus folder, broken sources.toml,
     a missing or broken verdicts file, or another run is writing to the same
     output folder
  {EXIT_FAILED}  the run finished, but some files failed (see {ERRORS_CSV})
  130  interrupted (Ctrl-C or SIGTERM)
"""


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "run",
        help="process the whole corpus into evidence tables, matrices and a report",
        description="Process every report in the corpus folder: extract, repair, segment, annotate, then write the outputs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of reports and sources.toml (default: corpus)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    parser.add_argument("--cache", type=Path, default=None, help="cache folder (default: OUT/.cache)")
    parser.add_argument("--jobs", "-j", type=positive_int, default=0, help="worker processes (default: one per core); outputs are the same for any number")
    parser.add_argument(
        "--scheduler", type=scheduler, default=None, metavar="tcp://HOST:PORT|local:N",
        help="run the reports on a Dask cluster (pip install 'reformtrace[dask]'): a running scheduler's address, "
             "or local:N to start N worker processes here; the cache must be a folder every worker reaches",
    )
    parser.add_argument("--force", action="store_true", help="redo every report, ignoring the cache")
    parser.add_argument("--max-pages", type=positive_int, default=DEFAULT_MAX_PAGES, help=f"skip reports with more pages (default: {DEFAULT_MAX_PAGES})")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, help=f"skip files larger than this many megabytes (default: {DEFAULT_MAX_MB:g})")
    parser.add_argument("--verdicts", type=Path, default=None, help=f"an evaluator's verdicts on evidence rows (default: {DEFAULT_FILE} when it exists)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="language of the report, workbook, charts and this summary (default: sv); CSV files are the same in both")
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary; problems still go to stderr")
    noise.add_argument("--verbose", "-v", action="store_true", help="log each report's stages and timings")
    parser.add_argument("stray", nargs="*", help=argparse.SUPPRESS)  # `reformtrace run my_reports/`: said how, below
    return parser


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # kill, timeout(1), systemd: stop like Ctrl-C, outputs untouched


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(format="%(levelname)s %(message)s", level=logging.INFO if args.verbose else logging.WARNING)
    if args.stray:
        print(f"reformtrace run: error: unrecognized arguments: {' '.join(args.stray)}: run takes no file or folder "
              f"of its own; name the reports' folder with --corpus (reformtrace run --corpus {args.stray[0]})", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler:
        try:  # refused before the run starts any process (a forked one would be stopped mid-start)
            import reformtrace.run.cluster  # noqa: F401
        except ImportError as err:
            print(f"reformtrace run: {err}", file=sys.stderr)
            return EXIT_USAGE
    verdicts = args.verdicts if args.verdicts is not None else (DEFAULT_FILE if DEFAULT_FILE.is_file() else None)
    if verdicts is not None and not verdicts.is_file():
        print(f"reformtrace run: no verdicts file {verdicts}", file=sys.stderr)
        return EXIT_USAGE
    options = Options(
        jobs=args.jobs,
        force=args.force,
        max_pages=args.max_pages,
        max_mb=args.max_mb,
        cache_dir=args.cache,
        scheduler=args.scheduler,
        progress=not args.quiet and sys.stderr.isatty(),
        verdicts=verdicts,
        lang=args.lang,
    )
    if options.progress:
        from tqdm.contrib.logging import logging_redirect_tqdm

        redirect = logging_redirect_tqdm()
    else:
        redirect = nullcontext()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with redirect:
            summary = run_batch(args.corpus, args.out, options)
    except (RunLocked, ClusterError, ImportError) as err:
        print(f"reformtrace run: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # a Dask scheduler that cannot be reached
        if not args.scheduler:
            raise
        print(f"reformtrace run: cannot reach the Dask scheduler {args.scheduler}: {err}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not args.quiet:
        print(format_summary(summary, args.lang))
    elif summary.problems:
        for p in summary.problems:
            print(f"reformtrace run: {p.file}: {p.stage}: {p.reason}", file=sys.stderr)
    return summary.exit_status


def format_summary(s: RunSummary, lang: str = DEFAULT_LANGUAGE) -> str:
    """The run in a few lines: what was done, what it found, where the time went, what
    the verdicts found, what changed, what failed."""
    t = Strings(lang)
    lines = [
        t("cli_reports", reports=s.reports, processed=s.processed, cached=s.from_cache, failed=s.failed),
        t("cli_found", pages=s.pages, passages=s.passages, repairs=s.repairs, labels=s.labels, regions=s.region_tags),
        t("cli_seconds") + ", ".join(f"{t.stage(stage)} {sec:.1f}" for stage, sec in s.seconds.items()),
        t("cli_outputs", out=s.out) + ("" if s.outputs_written else t("cli_unchanged")),
    ]
    if s.verdicts:
        v = s.verdicts
        lines.append(t("cli_verdicts", file=v["file"], applied=v["applied"], wrong=v["wrong"], correct=v["correct"]))
        if v["unmatched"]:
            lines.append(t("cli_unmatched", n=v["unmatched"], path=Path(s.out) / UNMATCHED_CSV))
    if s.changes.get("since"):
        lines.append(t("cli_changes", since=s.changes["since"], added=s.changes["added"], removed=s.changes["removed"], path=Path(s.out) / "changes.csv"))
    lines += [t("cli_warning", text=w) for w in s.warnings]
    if s.problems:
        lines.append(t("cli_problems", n=len(s.problems), path=Path(s.out) / ERRORS_CSV))
        lines += [f"  {p.file}: {p.stage}: {p.reason}" for p in s.problems]
    return "\n".join(lines)
