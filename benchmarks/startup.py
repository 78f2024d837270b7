"""Start-up and checking time of icscheck against peers, as medians over repeated runs.

Run: python benchmarks/startup.py [--runs 15]
Peers: `python -c pass` (the interpreter's floor) and `python -c "import yaml, typer"` (the
libraries icscheck cannot start without). Times are wall-clock medians of fresh processes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True, check=False)  # warm the file cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    icscheck = shutil.which("icscheck") or str(Path(sys.executable).parent / "icscheck")
    samples = str(REPO / "sample_configs")
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import yaml, typer'": [sys.executable, "-c", "import yaml, typer"],
        "icscheck --version": [icscheck, "--version"],
        "icscheck --help": [icscheck, "--help"],
        "icscheck check samples --format text": [
            icscheck,
            "check",
            samples,
            "--format",
            "text",
            "--as-of",
            "2026-11-23",
        ],
        "icscheck check samples --format rich": [
            icscheck,
            "check",
            samples,
            "--format",
            "rich",
            "--as-of",
            "2026-11-23",
        ],
    }
    floor = None
    print(f"{'command':42} {'median ms':>10} {'x python':>9}   ({runs} runs each)")
    for label, command in cases.items():
        seconds = median_seconds(command, runs)
        floor = floor or seconds
        print(f"{label:42} {seconds * 1000:10.1f} {seconds / floor:9.2f}")


if __name__ == "__main__":
    main()
