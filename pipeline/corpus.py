"""The corpus folder: which report files there are, and their metadata.

Metadata comes from `sources.toml` beside the reports. A file without an
entry is still processed, with a warning, so a user can drop a new report in
and rerun: the year is taken from the file name where it holds one
("nfs_2007_10.pdf"), else from a PDF's creation date (a scan's is the day it
was scanned); a PDF's title and author from its metadata (the title from its
first page when the metadata has none or only a file name); a Markdown file's
title from its first line when that is a level-one heading; any other file is
titled by its file name. An entry that names no file of
the corpus is reported, not ignored.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

from reformtrace.errors import InputError

SOURCES_FILE = "sources.toml"
FIELDS = ("publisher", "title", "year", "covers", "kind")
# A metadata title that is only the name of the file it was made from.
FILE_NAME_TITLE = regex.compile(r"\.(?:indd|docx?|pdf|rtf|odt|qxp|pages)\b|^microsoft (?:word|powerpoint) - |^untitled", regex.I)
PDF_YEAR = regex.compile(r"^D:((?:19|20)\d\d)")
FILE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")  # a year in a file name, first of any
TITLE_WORDS = (2, 30)  # a first-page line this many words long can be a title


@dataclass
class Source:
    """One report file in the corpus, with what sources.toml says about it."""

    path: Path
    publisher: str = ""
    title: str = ""
    year: int | None = None
    covers: str = ""
    kind: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def report_id(self) -> str:
        return self.path.stem

    def meta(self) -> dict:
        return {"source": self.path.name, **{f: getattr(self, f) for f in FIELDS}}

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def load_sources(corpus: Path) -> dict[str, dict]:
    """sources.toml as {file name: metadata}, validated."""
    path = corpus / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(path, f"not valid TOML: {err}", stage="corpus") from err
    entries = {}
    for i, entry in enumerate(data.get("report", []), start=1):
        if "file" not in entry:
            raise InputError(path, f"[[report]] number {i} has no 'file'", stage="corpus")
        unknown = set(entry) - set(FIELDS) - {"file"}
        if unknown:
            raise InputError(path, f"[[report]] {entry['file']!r}: unknown keys {sorted(unknown)}", stage="corpus")
        if "year" in entry and not isinstance(entry["year"], int):
            raise InputError(path, f"[[report]] {entry['file']!r}: year must be a number", stage="corpus")
        entries[entry["file"]] = entry
    return entries


def discover(corpus: str | Path) -> list[Source]:
    """Every file in `corpus` (sorted by name) with its metadata; extraction
    rejects the ones that are not reports, so the run can list them."""
    corpus = Path(corpus)
    if corpus.is_file():
        raise InputError(corpus, "a file, not a folder: --corpus takes the folder that holds the reports "
                         "(and their sources.toml); put the file into a folder of its own", stage="corpus")
    if not corpus.is_dir():
        raise InputError(corpus, "no such corpus folder", stage="corpus")
    entries = load_sources(corpus)
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.name != SOURCES_FILE and not p.name.startswith("."))
    if not files:
        raise InputError(corpus, "the corpus folder holds no report files: put the reports (PDF, text or "
                         "Markdown) into it", stage="corpus")
    sources = []
    for path in files:
        entry = entries.get(path.name)
        if entry is None:
            sources.append(unlisted(path))
        else:
            sources.append(Source(path, **{k: v for k, v in entry.items() if k != "file"}))
    return sources


def stray_entries(corpus: str | Path, sources: list[Source]) -> list[str]:
    """Warnings for the entries of sources.toml that name no file of the corpus."""
    present = {s.path.name for s in sources}
    return [f"{SOURCES_FILE}: the entry for {name!r} names no file in {corpus}; check the file name"
            for name in sorted(load_sources(Path(corpus))) if name not in present]


def unlisted(path: Path) -> Source:
    """A file without an entry: a PDF's own metadata, a Markdown file's first heading, else its
    file name as title."""
    suffix = path.suffix.lower()
    found = pdf_metadata(path) if suffix == ".pdf" else markdown_title(path) if suffix in (".md", ".markdown") else {}
    named = FILE_YEAR.search(path.stem)
    if named:
        found.pop("year", None)
    source = Source(path, title=found.get("title") or path.stem, publisher=found.get("publisher", ""),
                    year=int(named[1]) if named else found.get("year"))
    said = []
    if found:
        where = "the PDF (its metadata and first page)" if suffix == ".pdf" else "its first heading"
        said.append(", ".join(f"{k} {v!r}" for k, v in found.items()) + f" taken from {where}")
    if named:
        said.append(f"year {source.year} from the file name")
    if not found:
        said.append("the file name as title")
    source.warnings.append(f"{path.name}: no entry in {SOURCES_FILE}; " + "; ".join(said))
    return source


def pdf_metadata(path: Path) -> dict:
    """Title, publisher (the author field) and year from a PDF's document
    information, the title from its first page's first line where the
    metadata has none; {} for a PDF that cannot be opened (extraction says why)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return {}
    try:
        info = pdf.get_metadata_dict()
        title = " ".join(info.get("Title", "").split())
        if not title or FILE_NAME_TITLE.search(title):
            title = _first_line(pdf)
        found = {"title": title, "publisher": " ".join(info.get("Author", "").split())}
        year = PDF_YEAR.match(info.get("CreationDate", ""))
        found["year"] = int(year[1]) if year else None
        return {k: v for k, v in found.items() if v}
    finally:
        pdf.close()


def markdown_title(path: Path) -> dict:
    """The title of a Markdown file from its first line when that is a level-one heading
    ("# Sjukvårdsministern besöker Halland"), as Government Offices' texts begin; {} otherwise."""
    from reformtrace.extract.decode import decode
    from reformtrace.extract.markdown import HEADING, inline

    try:
        text = decode(path.read_bytes(), path)
    except (OSError, InputError):  # extraction says why
        return {}
    heading = HEADING.match(next((line for line in text.splitlines() if line.strip()), ""))
    return {"title": inline(heading[2])} if heading and heading[1] == "#" else {}


def _first_line(pdf) -> str:
    """The first line of the first page with text that reads like a title."""
    for index in range(min(2, len(pdf))):
        for line in pdf[index].get_textpage().get_text_range().splitlines():
            if TITLE_WORDS[0] <= len(line.split()) <= TITLE_WORDS[1] and regex.search(r"\p{L}{3}", line):
                return " ".join(line.split())
    return ""
