"""`reformtrace passages REPORT [REPORT ...] -o passages.jsonl` (or `--all`): reports'
passages as `run` segments them, one JSON object a line: the input `classify` and
`export` take. A report the last run cached as it is now is read from its cache."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reformtrace.errors import InputError
from reformtrace.matrix import SECTION_SEPARATOR


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "passages",
        help="write a report's passages as JSONL (id, report, page, section, text): the input of classify and export",
        description=(
            "Write the passages of one or more reports, extracted, repaired and segmented as `reformtrace run` does, "
            "one JSON object a line with id, report, publisher, year, page, printed_page, section and text. "
            "REPORT is a report id or file name in the corpus folder, or the path of a report file; --all takes every report. "
            "A report the last run cached as it is now is read from the cache; any other is read now. "
            "With --all, a file that cannot be read (one the run lists in errors.csv) is named and left out. "
            "Exit status: 0 done, 2 a report named that is not there or cannot be read, 3 with --all some files could not be read."
        ),
    )
    parser.add_argument("reports", nargs="*", metavar="REPORT", help="report id, file name in the corpus, or path of a report file")
    parser.add_argument("--all", action="store_true", help="every report in the corpus: the passages of the whole run")
    parser.add_argument("-o", "--output", help="output JSONL file, written whole or not at all (default: standard output)")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of reports and sources.toml (default: corpus)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="the run's output folder, whose cache is read (default: out)")
    return parser


def main(args: argparse.Namespace) -> int:
    from reformtrace.atomic import atomic_open

    from reformtrace.corpus import discover

    if bool(args.reports) == args.all:
        raise InputError("passages", "name the reports, or give --all for every report in the corpus", stage="passages")
    reports = [source.report_id for source in discover(args.corpus)] if args.all else args.reports
    lines, failed = [], []
    for report in reports:
        try:
            lines += passage_lines(report, args.corpus, args.out / ".cache")
        except InputError as err:
            if not args.all:
                raise
            failed.append(f"{Path(err.path).name} ({err.stage}: {err.reason})")
    if failed:
        print(f"reformtrace passages: not read: {'; '.join(failed)}", file=sys.stderr)
    status = 3 if failed else 0
    if not args.output:
        _write(lines, sys.stdout)
        return status
    with atomic_open(args.output) as out:
        _write(lines, out)
    print(f"wrote {len(lines)} passages of {len(reports) - len(failed)} report(s) to {args.output}", file=sys.stderr)
    return status


def passage_lines(report: str, corpus: Path, cache_dir: Path) -> list[dict]:
    """The passages of one report as JSONL objects."""
    from reformtrace.corpus import discover, unlisted
    from reformtrace.themes.passages import report_passages

    path = Path(report)
    sources = {source.report_id: source for source in discover(corpus)} if corpus.is_dir() else {}
    by_path = {source.path.resolve(): source for source in sources.values()}
    if path.is_file() and path.resolve() in by_path:
        source = by_path[path.resolve()]
    elif report in sources or (path.parent == Path(".") and path.stem in sources):  # a report id or file name
        source = sources[report if report in sources else path.stem]
    elif path.is_file():  # a report outside the corpus: described as run describes a file without an entry
        source = unlisted(path)
    else:
        if not corpus.is_dir():
            raise InputError(report, f"no such report and no corpus folder {corpus}: name the reports' folder with "
                             f"--corpus DIR, or give the path of a report file", stage="passages")
        raise InputError(report, f"no such report; reports in {corpus}: {', '.join(sorted(sources)) or 'none'}", stage="passages")
    return [_line(passage, source) for passage in report_passages(source, cache_dir).passages]


def _line(passage, source) -> dict:
    return {
        "id": passage.id, "report": passage.report_id, "publisher": source.publisher, "year": source.year,
        "page": passage.page, "printed_page": passage.page_label, "section": SECTION_SEPARATOR.join(passage.section),
        "text": passage.text,
    }


def _write(lines: list[dict], out) -> None:
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
