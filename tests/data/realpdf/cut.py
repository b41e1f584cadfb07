"""Cut the real-PDF test pages out of ../../../../shared/realpdfs/ (see README.md there).

    python tests/data/realpdf/cut.py [SOURCE_FOLDER]

pypdf copies the chosen pages with the resources they use and nothing else;
the pages' content is not changed. The proposition keeps its encryption: it
is written again with an empty user password (AES-128, as the original), so
that the test of an encrypted file that opens without a password still has one.
"""
from __future__ import annotations

import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).parent
# output name: (source file, 1-based pages, encrypt with an empty user password)
CUTS = {
    "dir_2016_15_p6-7_13.pdf": ("dir_2016_15_dataskyddsforordningen.pdf", [6, 7, 13], False),
    "terapirekommendationer_p39-41.pdf": ("regionhalland_terapirekommendationer_2017_p1-108.pdf", [39, 40, 41], False),
    "riksbank_p13_p44-45_p68.pdf": ("riksbank_penningpolitisk_rapport_2015-02.pdf", [13, 44, 45, 68], False),
    "prop_2013-14_104_p15-17_encrypted.pdf": ("prop_2013-14_104_etablering_encrypted.pdf", [15, 16, 17], True),
    "ncdsim_p11.pdf": ("folkhalsomyndigheten_ncdsim_teknisk_dokumentation.pdf", [11], False),
    "prop_1991-92_43_scanned_p1.pdf": ("prop_1991-92_43_SCANNED_excerpt.pdf", [1], False),
    "simrishamn_p12.pdf": ("simrishamn_kfn_arsbokslut_2025.pdf", [12], False),
    "prop_2013-14_104_p45.pdf": ("prop_2013-14_104_etablering_encrypted.pdf", [45], False),
    "riksbank_p46_p71.pdf": ("riksbank_penningpolitisk_rapport_2015-02.pdf", [46, 71], False),
    "prop_2013-14_104_p1.pdf": ("prop_2013-14_104_etablering_encrypted.pdf", [1], False),
    "terapirekommendationer_p18.pdf": ("regionhalland_terapirekommendationer_2017_p1-108.pdf", [18], False),
    "prop_2013-14_104_p54.pdf": ("prop_2013-14_104_etablering_encrypted.pdf", [54], False),
    "riksbank_p7_p59.pdf": ("riksbank_penningpolitisk_rapport_2015-02.pdf", [7, 59], False),
    "riksbank_p61.pdf": ("riksbank_penningpolitisk_rapport_2015-02.pdf", [61], False),
    "prop_2013-14_104_p60.pdf": ("prop_2013-14_104_etablering_encrypted.pdf", [60], False),
}


def cut(source_folder: Path) -> None:
    for name, (source, pages, encrypt) in CUTS.items():
        reader = PdfReader(source_folder / source)
        if reader.is_encrypted:
            reader.decrypt("")
        writer = PdfWriter()
        for page in pages:
            writer.add_page(reader.pages[page - 1])
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        if encrypt:
            writer.encrypt(user_password="", owner_password="reformtrace", algorithm="AES-128")
        with (HERE / name).open("wb") as handle:
            writer.write(handle)
        print(f"{name}: {source} pages {pages}, {(HERE / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    cut(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / ".." / "shared" / "realpdfs")
