"""Time icscheck against check-jsonschema, yamllint and a bare Typer app, side by side in one run.

Installs the peers into a separate venv (benchmarks/.peers/, made once), generates the data sets
with generate.py into a temporary folder, then runs every command of a case in turn (round-robin,
--runs times, after one warm-up each) so a noisy machine slows them alike, and prints a Markdown
table of medians, ratios (icscheck / peer) and the targets of issue 8.

icscheck is driven only as a command (--icscheck, default the one beside this Python), with its
schema taken from `icscheck schema`, so this works whatever the package layout.

Run: python benchmarks/compare.py [--runs 5] [--sizes 42,1000,10000,20000] [--quick]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generate import AS_OF, default_icscheck, generate, generate_huge, load_icbs

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers"
PEER_COMMANDS = ("check-jsonschema", "yamllint")
PEER_PACKAGES = (*PEER_COMMANDS, "typer==0.29.2")
"""Typer 0.29.2 is the one icscheck ran on when issue 8 set its start-up target (it loads
pydantic); icscheck now bounds Typer below 0.29, which makes the bare app faster too, so the
table times the bare app on both."""
BARE_APP = """import typer

app = typer.Typer()


@app.command()
def main(path: str) -> None:
    print(path)


app()
"""
# Runs one command in a fresh Python and reports its wall time and the peak RSS (KiB) of the
# largest process in its tree, so the harness's own memory never counts.
CHILD = """import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_kib": rss, "code": code}))
"""


@dataclass(frozen=True, slots=True)
class Sample:
    """The medians of one command's runs."""

    seconds: float
    rss_mib: float


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: icscheck's figure, the peer's, and whether the target is met."""

    case: str
    icscheck: str
    peer: str
    ratio: str
    target: str
    met: bool | None


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Commands run as from a user's shell: the warm-up writes the bytecode an installed package has
(a shell that sets PYTHONDONTWRITEBYTECODE would time an editable install compiling itself)."""


def run_once(command: list[str], ok_codes: tuple[int, ...]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *command],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV,
    ).stdout
    result = json.loads(out)
    if result["code"] not in ok_codes:
        raise SystemExit(f"compare: {command[0]} exited {result['code']}: {' '.join(command)}")
    return result["seconds"], result["rss_kib"] / 1024


def measure(commands: dict[str, list[str]], runs: int, warm: bool = True) -> dict[str, Sample]:
    """Round-robin over the commands, after one warm-up each; medians of time and memory.

    The long many-file cases skip the warm-up: their files were just written, so already cached.
    """
    ok = (0, 1)  # 1 is "findings" for icscheck, check-jsonschema and yamllint alike
    for command in commands.values() if warm else ():
        run_once(command, ok)
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            samples[label].append(run_once(command, ok))
    return {
        label: Sample(
            statistics.median(s for s, _ in values), statistics.median(m for _, m in values)
        )
        for label, values in samples.items()
    }


def ensure_peers() -> Path:
    """The peers' venv, made and filled from PyPI on first use, kept apart from icscheck's."""
    bin_dir = PEERS / "bin"
    if not all((bin_dir / name).exists() for name in PEER_COMMANDS):
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", *PEER_PACKAGES]
        subprocess.run(pip, check=True)
    return bin_dir


def python_of(icscheck: str) -> str:
    """The interpreter icscheck's script runs on (its shebang), so the bare app uses the same."""
    first = Path(icscheck).read_bytes().split(b"\n", 1)[0].decode(errors="replace")
    candidate = first.removeprefix("#!").strip()
    return candidate if first.startswith("#!") and Path(candidate).exists() else sys.executable


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def versus(
    case: str, ours: Sample, theirs: Sample, name: str, limit: float | None, note: str = ""
) -> Row:
    ratio = ours.seconds / theirs.seconds
    return Row(
        case,
        seconds(ours.seconds),
        f"{seconds(theirs.seconds)} ({name})",
        f"{ratio:.2f}x",
        f"≤ {limit:.2f}x{note}" if limit is not None else "reference",
        None if limit is None else ratio <= limit,
    )


def alone(case: str, shown: str, target: str, met: bool) -> Row:
    return Row(case, shown, "—", "—", target, met)


def table(rows: list[Row]) -> str:
    lines = [
        "| case | icscheck median | peer median | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        met = "—" if row.met is None else ("yes" if row.met else "no")
        lines.append(
            f"| {row.case} | {row.icscheck} | {row.peer} | {row.ratio} | {row.target} | {met} |"
        )
    return "\n".join(lines)


def few_files_rows(ics: list[str], peers: Path, folder: Path, schema: Path, runs: int) -> list[Row]:
    """42 files, one per ICB, whole process: icscheck against check-jsonschema and yamllint."""
    files = sorted(str(p) for p in folder.glob("*.ics.yaml"))
    medians = measure(
        {
            "icscheck": [*ics, "check", str(folder), "--format", "text", "--as-of", AS_OF],
            "check-jsonschema": [
                str(peers / "check-jsonschema"),
                "--schemafile",
                str(schema),
                *files,
            ],
            "yamllint": [str(peers / "yamllint"), "-f", "parsable", *files],
        },
        runs,
    )
    case = f"{len(files)} files, whole process"
    return [
        versus(case, medians["icscheck"], medians["check-jsonschema"], "check-jsonschema", 0.35),
        versus(case, medians["icscheck"], medians["yamllint"], "yamllint", None),
    ]


def size_rows(ics: list[str], folders: dict[int, Path], runs: int) -> list[Row]:
    """Throughput, cost per file and peak memory at each size, with the default --jobs."""
    medians = measure(
        {
            str(n): [*ics, "check", str(folder), "--format", "text", "--as-of", AS_OF]
            for n, folder in folders.items()
        },
        runs,
        warm=False,
    )
    rows: list[Row] = []
    costs: dict[int, float] = {}
    for n in folders:
        sample = medians[str(n)]
        rate, cost = n / sample.seconds, sample.seconds / n * 1000
        costs[n] = cost
        shown = f"{seconds(sample.seconds)}: {rate:,.0f} files/s, {cost:.2f} ms/file"
        target = "≥ 1,200 files/s" if n == 10_000 else "—"
        rows.append(
            Row(f"{n:,} files", shown, "—", "—", target, rate >= 1200 if n == 10_000 else None)
        )
        rows.append(
            alone(
                f"{n:,} files, peak memory",
                f"{sample.rss_mib:.0f} MiB",
                "< 100 MiB",
                sample.rss_mib < 100,
            )
        )
    if len(costs) > 1:
        growth = costs[max(costs)] / costs[min(costs)]
        sizes = f"{min(folders):,} to {max(folders):,} files"
        rows.append(
            alone(
                f"cost per file, {sizes}: largest set's ÷ smallest's",
                f"{growth:.2f}x" + (" (falls)" if growth < 1 else ""),
                "flat: does not grow (≤ 1.25x)",
                growth <= 1.25,
            )
        )
    return rows


def huge_rows(ics: list[str], huge: Path, members: int, runs: int) -> list[Row]:
    """One file with thousands of members, in text and in rich."""
    medians = measure(
        {
            fmt: [*ics, "check", str(huge), "--format", fmt, "--as-of", AS_OF]
            for fmt in ("text", "rich")
        },
        runs,
    )
    return [
        alone(
            f"one {members:,}-member file, {fmt}",
            seconds(sample.seconds),
            "< 0.5 s",
            sample.seconds < 0.5,
        )
        for fmt, sample in medians.items()
    ]


def startup_rows(
    ics: list[str], python: str, peers: Path, one_file: Path, work: Path, runs: int
) -> list[Row]:
    """A one-file check and --version against a bare one-command Typer app on the same Python,
    and against one on Typer 0.29.2, the release the issue measured; and the floor: the time
    to import Typer, PyYAML and jsonschema-rs and do nothing, which any checker built on them
    pays before its first line runs."""
    app = work / "bare_typer_app.py"
    app.write_text(BARE_APP, encoding="utf-8")
    medians = measure(
        {
            "check": [*ics, "check", str(one_file), "--format", "text", "--as-of", AS_OF],
            "version": [*ics, "--version"],
            "bare": [python, str(app), "x"],
            "bare-0.29": [str(peers / "python"), str(app), "x"],
            "floor": [python, "-c", "import typer, yaml, jsonschema_rs"],
        },
        runs,
    )
    bare, reference = medians["bare"], medians["bare-0.29"]
    return [
        versus("one-file check, text", medians["check"], bare, "bare Typer app", 1.0),
        versus("one-file check, text", medians["check"], reference, "bare app, Typer 0.29", 1.0),
        versus("--version", medians["version"], bare, "bare Typer app", 0.5),
        versus("--version", medians["version"], reference, "bare app, Typer 0.29", 0.5),
        versus(
            "import typer, yaml, jsonschema_rs: no more",
            medians["floor"],
            bare,
            "bare Typer app",
            None,
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--icscheck", default=default_icscheck(), help="the icscheck command")
    parser.add_argument("--runs", type=int, default=5, help="runs of each small case")
    parser.add_argument(
        "--size-runs", type=int, default=3, help="runs of each 1,000+ files case (they are long)"
    )
    parser.add_argument("--sizes", default="42,1000,10000,20000", help="file counts to time")
    parser.add_argument("--huge-members", type=int, default=5000)
    parser.add_argument("--quick", action="store_true", help="3 runs, sizes 42 and 1000 only")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.size_runs, args.sizes = 3, 1, "42,1000"
    sizes = [int(size) for size in args.sizes.split(",")]
    icscheck = args.icscheck
    ics = [str(Path(icscheck).resolve()) if os.sep in icscheck else icscheck]
    peers = ensure_peers()
    help_text = subprocess.run([*ics, "check", "--help"], capture_output=True, text=True).stdout
    version = subprocess.run([*ics, "--version"], capture_output=True, text=True).stdout.strip()
    icbs = load_icbs(ics[0])
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="icscheck-bench-") as tmp:
        work = Path(tmp)
        os.chdir(work)  # as in a folder of board files: no pyproject.toml or .yamllint to read
        schema = work / "ics.schema.json"
        schema.write_text(
            subprocess.run([*ics, "schema"], capture_output=True, text=True, check=True).stdout
        )
        folders = {n: work / f"files-{n}" for n in sizes}
        for n, folder in folders.items():
            generate(folder, icbs, n)
        huge = generate_huge(work / "huge", icbs, args.huge_members)
        few = [n for n in sizes if n < 1000]
        for n in few:
            rows += few_files_rows(ics, peers, folders[n], schema, args.runs)
        many = {n: folder for n, folder in folders.items() if n >= 1000}
        if many:
            rows += size_rows(ics, many, args.size_runs)
        rows += huge_rows(ics, huge, args.huge_members, args.runs)
        valid = next(
            p
            for p in sorted(folders[sizes[0]].iterdir())
            if p.read_bytes().startswith(b"# generated: valid")
        )
        rows += startup_rows(ics, python_of(ics[0]), peers, valid, work, args.runs)
    jobs = "default --jobs" if "--jobs" in help_text else "no --jobs option (one process)"
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    print(
        f"{version}, {today}, nproc {len(os.sched_getaffinity(0))}, {jobs}; medians of "
        f"{args.runs} runs ({args.size_runs} for 1,000+ files), round-robin; "
        "ratio = icscheck / peer.\n"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
