"""Where the outputs' memory goes: one write of benchmarks/outputs_scale.py's cached shares
(made first by a run of it with the same --workdir), with the outputs process's resident size
sampled during each step of write_outputs, and the peak of this process and of the largest
of its forked processes (text reuse; the workbook and the theme chart) at the end.

    python benchmarks/outputs_phases.py --reports 999 --workdir /tmp/os1000 [--excel OLD_EXCEL.py] [--one-new]

--one-new: the write measured is that of one report more, over the outputs of the others
written first by a process of their own (as outputs_scale's "one new"; the forked renderer's
peak printed is then the larger of it and that process's).

--excel: a version of pipeline/report/excel.py run in place of the package's (to compare with
an earlier commit's: git show COMMIT:pipeline/report/excel.py > OLD_EXCEL.py).
"""
from __future__ import annotations

import argparse
import functools
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs_scale  # noqa: E402


def resident_mb(field: str = "VmRSS") -> int:
    """This process's resident size (VmRSS), or its largest so far (VmHWM), in MB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith(field))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--excel", type=Path)
    parser.add_argument("--one-new", action="store_true")
    args = parser.parse_args()
    import reformtrace.changes as changes
    import reformtrace.outputs as outputs
    import reformtrace.themes.outputs as themes
    from reformtrace.report import excel, html, plots

    if args.excel:
        exec(compile(args.excel.read_text(), str(args.excel), "exec"), excel.__dict__)
    step, peaks = ["start"], {}

    def sample() -> None:
        while True:
            peaks[step[0]] = max(peaks.get(step[0], 0), resident_mb())
            time.sleep(0.05)

    def watched(module, name: str) -> None:
        function = getattr(module, name)

        @functools.wraps(function)
        def call(*a, **k):
            step[0], tic = name, time.perf_counter()
            result = function(*a, **k)
            print(f"  {name:<14} {time.perf_counter() - tic:6.1f} s, {resident_mb():6d} MB after, {resident_mb('VmHWM'):6d} MB largest so far", flush=True)
            step[0] = f"after {name}"
            return result

        setattr(module, name, call)

    threading.Thread(target=sample, daemon=True).start()
    for module, name in ((outputs, "_gather"), (outputs, "build_tables"), (outputs, "_judged"), (changes, "compare"),
                         (themes, "reuse_rows"), (themes, "theme_timeline"), (themes, "first_mentions"), (themes, "cooccurrence"),
                         (themes, "goal_intervention_matrix"), (themes, "build_themes"), (html, "report"), (themes, "theme_files"), (plots, "heatmaps"),
                         (outputs.Forked, "result"), (outputs.Spool, "publish"), (outputs, "render")):
        watched(module, name)
    out = args.workdir / "phases"
    shutil.rmtree(out, ignore_errors=True)
    if args.one_new:
        subprocess.run([sys.executable, outputs_scale.__file__, "--write", str(args.workdir / "cache"), str(args.reports - 1), str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        step[0] = "start"
    outputs_scale.write(args.workdir / "cache", args.reports, out)
    print("  largest resident size sampled in each step (MB):", peaks)
    mb = lambda who: resource.getrusage(who).ru_maxrss // 1024  # noqa: E731
    print(f"  peak: outputs process {mb(resource.RUSAGE_SELF)} MB, forked renderer {mb(resource.RUSAGE_CHILDREN)} MB")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
