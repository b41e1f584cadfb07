"""Report-like PDFs made in the tests: Swedish body text, a running header,
page-number footers, hyphenated line ends, one or two columns."""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

BODY = (
    "Omställningen till en god och nära vård är en reform av hälso- och sjukvården där "
    "primärvården ska vara navet. Regionerna och kommunerna har under året arbetat med "
    "kompetens- och rekryteringsfrågor, mobila team och samordnade individuella planer. "
    "Socialstyrelsen följer upp arbetet varje år och redovisar resultaten till regeringen. "
    "Uppföljningen visar att tillgängligheten till primärvården har förbättrats i flera "
    "regioner men att kontinuiteten fortfarande är låg. Många verksamheter beskriver att "
    "personalförsörjningen är den största utmaningen för omställningsarbetet. Det finns "
    "också exempel på utvecklingsarbeten där patienterna blivit mer delaktiga i planeringen "
    "av sin egen vård och behandling. Hälsofrämjande och förebyggande insatser har fått "
    "större utrymme, exempelvis riktade hälsosamtal och stöd till förändrade levnadsvanor. "
    "Samverkan mellan huvudmännen har stärkts genom gemensamma målbilder och handlingsplaner "
    "som beslutats i länens politiska samverkansorgan. Utskrivningsprocessen från den "
    "slutna vården fungerar bättre än tidigare, men informationsöverföringen mellan "
    "vårdgivarna brister fortfarande på många håll. Digitala vårdmöten och distansmonitorering "
    "används allt oftare i glesbygden, där avstånden till närmaste vårdcentral är långa."
)
HEADER = "Uppföljning av omställningen till en mer nära vård 2024"


def words(index: int) -> list[str]:
    """The body text's sentences, rotated so that no two paragraphs are alike."""
    sentences = BODY.split(". ")
    k = (index * 5) % len(sentences)
    return ". ".join(sentences[k:] + sentences[:k]).split()


def _wrap(text_words: list[str], width: float, measure) -> list[str]:
    """Greedy line breaking that hyphenates long words at line ends."""
    lines, line = [], ""
    for word in text_words:
        candidate = f"{line} {word}".strip()
        if measure(candidate) <= width:
            line = candidate
            continue
        if len(word) >= 8 and "-" not in word:
            cut = len(word) // 2
            head = f"{line} {word[:cut]}-".strip()
            if measure(head) <= width:
                lines.append(head)
                line = word[cut:]
                continue
        lines.append(line)
        line = word
    lines.append(line)
    return lines


def make_report(path: Path, pages: int = 3, columns: int = 1) -> list[str]:
    """Write a report PDF whose body text flows through `columns` columns on
    each of `pages` pages; return the body words in reading order."""
    pdf = FPDF()
    column_width = (170 - 10 * (columns - 1)) / columns  # 10 mm between columns
    top, bottom, leading = 30, 270, 5
    body_words: list[str] = []
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", size=8)
        pdf.text(20, 12, HEADER)
        pdf.text(103, 288, str(number))
        pdf.set_font("helvetica", size=10)
        for column in range(columns):
            x, y = 20 + column * (column_width + 10), top
            while True:
                paragraph = words(len(body_words) // 7)
                lines = _wrap(paragraph, column_width, pdf.get_string_width)
                if y + leading * len(lines) > bottom:
                    break
                for line in lines:
                    pdf.text(x, y, line)
                    y += leading
                body_words += paragraph
                y += leading
    pdf.output(str(path))
    return body_words
