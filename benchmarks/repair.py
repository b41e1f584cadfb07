"""Speed and memory of the OCR repair stage: report 000 (about 20,000 words) and the bundled corpus.

    /work/venv/bin/python benchmarks/repair.py [FILE]

cold:   a fresh interpreter imports the stage, loads lexicon, channel and
        context, detects and repairs the file (what one `reformtrace repair`
        pays, without the CLI's own start-up); peak memory of that process.
warm:   the same repair again in a process that has the data loaded, with the
        per-word reading cache emptied first.
corpus: a fresh interpreter detects and repairs every text file of corpus/
        (what the repair stage costs a run of the bundled corpus: the clean
        reports are only judged, report 000 is repaired).
cli:    wall time of `reformtrace repair FILE -o /dev/null`, start-up included.
Cold figures are the best of three, in wall and CPU seconds: the machine is
shared, and CPU seconds move less with its load.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT = CORPUS / "000_socialstyrelsen_uppfoljning_2022.txt"

COLD = """
import json, resource, sys, time
start = time.perf_counter()
from reformtrace.repair import repair_pages
changes = 0
for path in sys.argv[1:]:
    changes += len(repair_pages(open(path, encoding="utf-8").read())[1])
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "changes": changes, "peak_mb": usage.ru_maxrss / 1024}))
"""


def cold(paths: list[Path]) -> dict:
    """Best of three fresh processes: wall and CPU seconds, changes, peak memory."""
    runs = [json.loads(subprocess.run([sys.executable, "-c", COLD, *map(str, paths)], capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    return {"seconds": min(r["seconds"] for r in runs), "cpu": min(r["cpu"] for r in runs), "changes": runs[0]["changes"], "peak_mb": max(r["peak_mb"] for r in runs)}


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    text = path.read_text(encoding="utf-8")
    tokens = len(text.split())
    print(f"file: {path.name}, {tokens} tokens")

    one = cold([path])
    print(f"cold (import + load + detect + repair), best of 3: {one['seconds']:.2f} s ({one['cpu']:.2f} CPU s), {tokens / one['seconds']:,.0f} tokens/s, {one['changes']} changes")
    print(f"peak memory (cold process): {one['peak_mb']:.0f} MB")

    from reformtrace.repair import repair_pages
    from reformtrace.repair.text import _options_for

    repair_pages(text)
    times = []
    for _ in range(3):
        _options_for.cache_clear()
        start = time.perf_counter()
        repair_pages(text)
        times.append(time.perf_counter() - start)
    warm = min(times)
    print(f"warm (data loaded, reading cache empty), best of 3: {warm:.2f} s, {tokens / warm:,.0f} tokens/s")

    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
    every = cold(files)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    print(f"corpus ({len(files)} files, {words} tokens), cold, best of 3: {every['seconds']:.2f} s ({every['cpu']:.2f} CPU s), {every['changes']} changes")

    cli = shutil.which("reformtrace") or str(Path(sys.executable).parent / "reformtrace")
    start = time.perf_counter()
    subprocess.run([cli, "repair", str(path), "-o", "/dev/null"], capture_output=True, check=True)
    print(f"cli wall time (reformtrace repair, start-up included): {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
