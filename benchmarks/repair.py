"""Speed and memory of the OCR repair stage on report 000 (about 21,000 words).

    /work/venv/bin/python benchmarks/repair.py [FILE]

cold: a fresh interpreter imports the stage, loads lexicon, channel and
      context, detects and repairs the file (what one `reformtrace repair`
      pays, without the CLI's own start-up); peak memory of that process.
warm: the same repair again in a process that has the data loaded, with the
      per-word reading cache emptied first.
cli:  wall time of `reformtrace repair FILE -o /dev/null`, start-up included.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "000_socialstyrelsen_uppfoljning_2022.txt"

COLD = """
import json, resource, sys, time
start = time.perf_counter()
from pipeline.repair import repair_pages
text = open(sys.argv[1], encoding="utf-8").read()
out, changes = repair_pages(text)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "changes": len(changes), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    text = path.read_text(encoding="utf-8")
    tokens = len(text.split())
    print(f"file: {path.name}, {tokens} tokens")

    runs = [json.loads(subprocess.run([sys.executable, "-c", COLD, str(path)], capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    cold = min(r["seconds"] for r in runs)
    print(f"cold (import + load + detect + repair), best of 3: {cold:.2f} s, {tokens / cold:,.0f} tokens/s, {runs[0]['changes']} changes")
    print(f"peak memory (cold process): {max(r['peak_mb'] for r in runs):.0f} MB")

    from pipeline.repair import repair_pages
    from pipeline.repair.text import _options_for

    repair_pages(text)
    times = []
    for _ in range(3):
        _options_for.cache_clear()
        start = time.perf_counter()
        repair_pages(text)
        times.append(time.perf_counter() - start)
    warm = min(times)
    print(f"warm (data loaded, reading cache empty), best of 3: {warm:.2f} s, {tokens / warm:,.0f} tokens/s")

    cli = shutil.which("reformtrace") or str(Path(sys.executable).parent / "reformtrace")
    start = time.perf_counter()
    subprocess.run([cli, "repair", str(path), "-o", "/dev/null"], capture_output=True, check=True)
    print(f"cli wall time (reformtrace repair, start-up included): {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
