"""The spaCy component's cost in machine instructions: a figure the shared machine's load does not move.

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/dev/null \
        python benchmarks/spacy_instructions.py [--passages 300]

Under callgrind with instrumentation off, this loads the component, codes the passages
once (the memos warm, as benchmarks/spacy_component.py's warm-up does), then switches
counting on (`callgrind_control -i on`) around a second `nlp.pipe` over the same passages
and off again; callgrind's "Collected" line is the instructions of that pass. Divide by the
number of passages. The passages: every n-th distinct corpus passage, so that damaged and
clean ones come in their corpus shares. Set PYTHONHASHSEED=0 for the same count run after
run. Garbage collection is counted only as far as these few Docs bring it on: the 10,000
Docs kept by spacy_component.py cost full collections that this does not see.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks.classify, when run as a script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=300)
    args = parser.parse_args()

    import spacy

    from benchmarks.classify import corpus_passages

    distinct = corpus_passages()
    texts = distinct[:: max(1, len(distinct) // args.passages)][: args.passages]
    nlp = spacy.blank("sv")
    nlp.add_pipe("reformtrace")
    list(nlp.pipe(texts))
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    docs = list(nlp.pipe(texts))
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, capture_output=True)
    print(f"{len(docs)} passages coded; instructions per passage: callgrind's Collected / {len(docs)}", file=sys.stderr)


if __name__ == "__main__":
    main()
