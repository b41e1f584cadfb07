"""The OCR repair stage: detect text that lost its Swedish letters, restore them.

    is_damaged(text) / damage_signals(text)   -> verdict and the signals behind it
    repair_text(text)                         -> (new text, [Change]); repairs unconditionally
    repair_document(doc)                      -> (Document, [Repair]); decides per page; a clean
                                                 document's printed defects mended (printed.py)
    repair_pages(text)                        -> the same for a plain text (pages split at form feeds)

Model: a noisy channel learned from report 000 (channel.py), the Swedish
lexicon (reformtrace.lexicon), a bigram context model of the clean reports
(context.py); data built by `python -m reformtrace.repair.build`.
"""
from reformtrace.repair.detect import DamageSignals, damage_signals, is_damaged
from reformtrace.repair.document import damaged_pages, repair_document, repair_pages
from reformtrace.repair.text import Change, repair_text
from reformtrace.sources import Sources

SOURCES = Sources(  # what a repair depends on (pipeline/sources.py)
    # reformtrace.extract whole: importing its layout module runs the package's __init__
    code=("reformtrace.repair", "reformtrace.datafiles", "reformtrace.extract", "reformtrace.lexicon", "reformtrace.model",
          "reformtrace.sentences", "reformtrace.errors"),
    data=("lexicon", "ocr"),
    libraries=("regex", "marisa-trie"),
)

__all__ = [
    "SOURCES",
    "Change",
    "DamageSignals",
    "damage_signals",
    "damaged_pages",
    "is_damaged",
    "repair_document",
    "repair_pages",
    "repair_text",
]
