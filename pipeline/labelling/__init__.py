"""Round trips with the tools researchers label in: passages out with the software's
coding as pre-annotations, corrected labels back into the annotation format.

    records.py       the project's annotation rows: read, checked against the taxonomy, written
    items.py         what is exported: a passage, the software's coding, a person's coding
    label_studio.py  Label Studio: tasks with predictions, a labelling config, its JSON export read back
    doccano.py       doccano: JSONL for an Intent Detection and Slot Filling project, its export read back
    docbin.py        spaCy: a DocBin of coded Docs, and one read back

The commands are `reformtrace export` and `reformtrace import` (pipeline/commands/).
"""
