"""Word vectors over lemma units, trained on the unlabelled Government Offices prose, for
measuring whether they help the label verifiers (python -m benchmarks.classify_vectors).

    python benchmarks/word_vectors.py [--corpus ../shared/corpus-dev/g0vse-unlabelled.jsonl.gz] [--out /tmp/reformtrace-vectors]

Each document is cut into paragraphs (blank lines), analysed by the rule layer as a passage
is (spaCy-rule tokens, lemmas of compound parts), and the paragraph's units are one
word2vec sentence. Writes into `--out`:
  - `units.jsonl.gz`: per paragraph (documents sorted by path) its units and the labels the
    rules give it: the corpus as the classifier sees it, kept so it is analysed once;
  - `vectors.npz`: `words` (sorted units) and `vectors` (float16, one row a unit),
    from gensim word2vec with one worker and a fixed seed: the same corpus, the same bytes.
Needs gensim (the `build` extra) at build time only.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from reformtrace.datafiles import shared_path

DIM = 100
WINDOW = 5
MIN_COUNT = 5
EPOCHS = 5
SEED = 1


def paragraphs(corpus: Path) -> list[str]:
    """The corpus's paragraphs, documents in path order (a fixed input order)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        docs = sorted((json.loads(line) for line in lines), key=lambda d: d["path"])
    return [p.strip() for d in docs for p in d["text"].split("\n\n") if len(p.split()) >= 5]


def analyse_corpus(corpus: Path, out: Path) -> Path:
    """Units and rule labels of every paragraph, written once to `out/units.jsonl.gz`."""
    from reformtrace.annotate.rules import Rules
    from reformtrace.annotate.taxonomy import load_taxonomy

    path = out / "units.jsonl.gz"
    if path.exists():
        return path
    rules = Rules(load_taxonomy())
    texts = paragraphs(corpus)
    tmp = path.with_suffix(".tmp")
    with io.TextIOWrapper(gzip.GzipFile(tmp, "wb", mtime=0), encoding="utf-8") as sink:  # no time stamp: same bytes
        for start in range(0, len(texts), 2000):
            for analysis in rules.analyse(texts[start : start + 2000]):
                units = [u for word in analysis.units for u in word]
                sink.write(json.dumps({"units": units, "labels": sorted(analysis.labels)}, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def read_units(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def train_vectors(sentences: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """word2vec (CBOW) with one worker and a fixed seed; words sorted, vectors float16."""
    from gensim.models import Word2Vec

    model = Word2Vec(sentences, vector_size=DIM, window=WINDOW, min_count=MIN_COUNT, workers=1, seed=SEED, epochs=EPOCHS)
    words = sorted(model.wv.key_to_index)
    return words, np.stack([model.wv[w] for w in words]).astype(np.float16)


def write_vectors(path: Path, words: list[str], vectors: np.ndarray) -> None:
    """npz with fixed zip timestamps, so the same vectors give the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in (("vectors", vectors), ("words", np.array(words))):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue())


def load_vectors(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as arrays:
        return dict(zip(arrays["words"].tolist(), arrays["vectors"].astype(np.float32)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=shared_path("corpus-dev/g0vse-unlabelled.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/reformtrace-vectors"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    units = read_units(analyse_corpus(args.corpus, args.out))
    print(f"{len(units)} paragraphs, {sum(len(u['units']) for u in units)} units", flush=True)
    words, vectors = train_vectors([u["units"] for u in units])
    write_vectors(args.out / "vectors.npz", words, vectors)
    print(f"{len(words)} words x {vectors.shape[1]} -> {args.out / 'vectors.npz'}")


if __name__ == "__main__":
    main()
