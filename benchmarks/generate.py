"""Write realistic ICS board files (*.ics.yaml) for benchmarking icscheck, seeded and reproducible.

One file per ICB in force on --as-of (cycling through them when there are more files than ICBs),
each with a chair, a chief executive, executives, partner members by nominator, non-executives,
a few ordinary members and participants, terms of office and interests, and a partnership with
the ICB's and each council's appointees: about 166 lines a file. A share of the files carry a
YAML syntax error or a schema error, so the error paths are timed too. --huge-members also writes
one file with that many members.

The ICBs and their councils come from `icscheck icbs --format json`, so this script needs only
the command, never icscheck's modules, and keeps working whatever the package layout.

Run: python benchmarks/generate.py OUT_DIR --count 42 [--seed 0] [--huge-members 5000]
Each file's first line says what it is: `# generated: valid`, `syntax-error` or `schema-error`.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

AS_OF = "2026-11-23"
FIRST_NAMES = (  # noqa: SIM905
    "Amelia Aisha Bernard Catherine Chidi Deborah Declan Eleanor Fatima Gareth Grace Hamza "
    "Imogen Ioan Jasmine Kwame Lakshmi Malcolm Niamh Oluwaseun Priya Rhys Siobhan Tariq "
    "Ursula Vikram Wendy Xavier Yusuf Zara"
).split()
SURNAMES = (  # noqa: SIM905
    "Abernethy Achebe Bhatt Bramwell Castellano Davenport Ekwueme Fairbairn Gallagher "
    "Hussain Iredale Jenkins Kowalski Lindqvist McAllister Nwosu Ogden Patel Quinlan "
    "Rahman Sutcliffe Thornton Umeh Venkatesan Whitaker Yeung Zielinski"
).split()
PART_SECTORS = ("healthwatch", "vcse", "social_care", "public_health", "housing", "education")
INTEREST_KINDS = ("employment", "directorship", "shareholding", "contract", "other")


@dataclass(frozen=True, slots=True)
class Icb:
    """What a file needs of one ICB: its code, name and councils."""

    code: str
    name: str
    councils: tuple[str, ...]

    @property
    def area(self) -> str:
        """The place name inside 'NHS <area> Integrated Care Board'."""
        return self.name.removeprefix("NHS ").removesuffix(" Integrated Care Board")


def default_icscheck() -> str:
    """The icscheck installed beside this Python, as benchmarks run the venv's own command."""
    return str(Path(sys.executable).parent / "icscheck")


def load_icbs(icscheck: str, as_of: str = AS_OF) -> list[Icb]:
    """The ICBs in force on as_of, asked of the command so no module path is assumed."""
    out = subprocess.run(
        [icscheck, "icbs", "--format", "json", "--as-of", as_of],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        Icb(item["code"], item["name"], tuple(c["name"] for c in item["councils"]))
        for item in json.loads(out)["icbs"]
    ]


def town(council: str) -> str:
    """'Sheffield' from 'Sheffield City Council', to name local organisations after it."""
    for suffix in (" Metropolitan Borough", " Borough", " County", " City", " Council"):
        council = council.removesuffix(" Council").removesuffix(suffix)
    return council


class Writer:
    """Builds one file's YAML text line by line, with people named from a seeded generator."""

    def __init__(self, rng: random.Random, icb: Icb) -> None:
        self.rng = rng
        self.icb = icb
        self.lines: list[str] = []
        self.names: set[str] = set()

    def person(self) -> str:
        """A new name in this file, so generated people are never listed twice by chance."""
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
        while name in self.names:
            name = f"{self.rng.choice(FIRST_NAMES)} {name}"
        self.names.add(name)
        return name

    def term(self) -> list[str]:
        """Appointment and (mostly) term end; about one in ten terms has already ended."""
        year, month = self.rng.randint(2022, 2025), self.rng.choice((1, 4, 7, 10))
        fields = [f"appointed: {year}-{month:02d}-01"]
        if self.rng.random() < 0.8:
            end_year = self.rng.randint(2025, 2026) if self.rng.random() < 0.1 else year + 5
            fields.append(f"term_ends: {end_year}-{month:02d}-01")
        return fields

    def member(self, *fields: str, interests: bool = False, comment: str = "") -> None:
        if comment:
            self.lines.append(f"    # {comment}")
        self.lines.append(f"    - name: {self.person()}")
        self.lines.extend(f"      {field}" for field in fields)
        if interests and self.rng.random() < 0.3:
            self.lines.append("      interests:")
            for _ in range(self.rng.randint(1, 2)):
                self.lines.append(f"        - organisation: {self.rng.choice(self.icb.councils)}")
                self.lines.append(f"          sector: {self.rng.choice(PART_SECTORS)}")
                self.lines.append(f"          kind: {self.rng.choice(INTEREST_KINDS)}")
        self.lines.append("")

    def header(self, kind: str, index: int) -> None:
        self.lines += [
            f"# generated: {kind}",
            f"# Benchmark file {index} for {self.icb.name}.",
            "# People are fictitious; organisations are drawn from the ICB's own area.",
            "version: 1",
            "",
            "ics:",
            f"  name: {self.icb.area}",
            f"  icb_code: {self.icb.code}",
            "  local_authorities:",
            *(f"    - {council}" for council in self.icb.councils),
            "",
        ]

    def board(self, extra_members: int = 0) -> None:
        icb, rng = self.icb, self.rng
        icb_org = f"organisation: {icb.name}"
        self.lines += ["board:", f"  name: {icb.name}", "  members:"]
        self.member("role: chair", icb_org, *self.term(), interests=True, comment="Chair.")
        self.member("role: chief_executive", icb_org, *self.term())
        trust = ("nhs_trusts", "nhs_trust", f"{icb.area} NHS Foundation Trust")
        practice = f"{town(rng.choice(icb.councils))} Primary Care Network"
        nominators = [trust, ("primary_medical_services", "primary_care", practice)]
        nominators += [("local_authorities", "local_authority", c) for c in icb.councils[:2]]
        nominators += [trust] * rng.randint(0, 1)
        self.lines.append("    # Partner members, by who nominated them.")
        for nominated_by, sector, organisation in nominators:
            self.member(
                "role: partner_member",
                f"nominated_by: {nominated_by}",
                f"organisation: {organisation}",
                f"sector: {sector}",
                *self.term(),
                interests=True,
            )
        self.lines.append("    # Non-executive members.")
        for _ in range(rng.randint(2, 3)):
            self.member("role: non_executive", "sector: other", *self.term(), interests=True)
        self.lines.append("    # Executive members.")
        for portfolio in ("finance", "medical", "nursing"):
            self.member("role: executive", f"portfolio: {portfolio}", icb_org, *self.term())
        for _ in range(rng.randint(0, 2) + extra_members):
            self.member("role: ordinary_member", icb_org, "expertise: [mental_health]")
        for _ in range(rng.randint(0, 2)):
            self.member(
                "role: participant",
                "voting: false",
                f"organisation: Healthwatch {town(rng.choice(icb.councils))}",
                "sector: healthwatch",
                comment="Attends without a vote.",
            )

    def partnership(self, extra_members: int = 0) -> None:
        icb, rng = self.icb, self.rng
        self.lines += ["partnership:", f"  name: {icb.area} Integrated Care Partnership"]
        self.lines.append("  members:")
        self.member("appointed_by: icb", f"organisation: {icb.name}")
        for council in icb.councils:
            self.member(
                "appointed_by: local_authority",
                f"local_authority: {council}",
                f"organisation: {council}",
                "sector: local_authority",
            )
        sectors = ["vcse"] + [rng.choice(PART_SECTORS) for _ in range(rng.randint(1, 3))]
        for sector in sectors + [rng.choice(PART_SECTORS) for _ in range(extra_members)]:
            self.member(
                "appointed_by: partnership",
                f"organisation: {icb.area} {sector.replace('_', ' ').title()} Forum",
                f"sector: {sector}",
            )

    def break_syntax(self) -> None:
        """An unclosed flow sequence on a random member line: a real YAML syntax error."""
        at = self.rng.choice([i for i, line in enumerate(self.lines) if "role:" in line])
        self.lines.insert(at + 1, "      expertise: [mental_health, finance")

    def break_schema(self) -> None:
        """A role the schema does not know, on a random board member."""
        at = self.rng.choice([i for i, line in enumerate(self.lines) if "role:" in line])
        self.lines[at] = "      role: vice_chair"


def board_file(icb: Icb, seed: int, index: int, kind: str, extra_members: int = 0) -> str:
    """One file's text: the same seed, index and kind always give the same bytes."""
    writer = Writer(random.Random(f"{seed}:{index}"), icb)
    writer.header(kind, index)
    writer.board(extra_members * 4 // 5)
    writer.partnership(extra_members // 5)
    if kind == "syntax-error":
        writer.break_syntax()
    elif kind == "schema-error":
        writer.break_schema()
    return "\n".join(writer.lines).rstrip() + "\n"


def kinds(count: int, seed: int, syntax_errors: float, schema_errors: float) -> list[str]:
    """Which files are broken, and how: the given shares, spread by the seed."""
    n_syntax, n_schema = round(count * syntax_errors), round(count * schema_errors)
    labels = ["syntax-error"] * n_syntax + ["schema-error"] * n_schema
    labels += ["valid"] * (count - len(labels))
    random.Random(seed).shuffle(labels)
    return labels


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def generate(
    out: Path,
    icbs: list[Icb],
    count: int,
    seed: int = 0,
    syntax_errors: float = 0.05,
    schema_errors: float = 0.05,
) -> list[Path]:
    """Write count files into out and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, kind in enumerate(kinds(count, seed, syntax_errors, schema_errors)):
        icb = icbs[index % len(icbs)]
        path = out / f"{index:05d}-{slug(icb.area)}.ics.yaml"
        path.write_text(board_file(icb, seed, index, kind), encoding="utf-8")
        paths.append(path)
    return paths


def generate_huge(out: Path, icbs: list[Icb], members: int, seed: int = 0) -> Path:
    """One valid file with about `members` members (four fifths on the board)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"huge-{members}.ics.yaml"
    path.write_text(board_file(icbs[0], seed, -1, "valid", members), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--count", type=int, default=42, help="number of board files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--syntax-errors", type=float, default=0.05, help="share with YAML errors")
    parser.add_argument("--schema-errors", type=float, default=0.05, help="share failing schema")
    parser.add_argument("--huge-members", type=int, default=0, help="also one file this big")
    parser.add_argument("--icscheck", default=default_icscheck(), help="the icscheck command")
    parser.add_argument("--as-of", default=AS_OF, help="date whose ICBs to use")
    args = parser.parse_args(argv)
    icbs = load_icbs(args.icscheck, args.as_of)
    paths = generate(args.out, icbs, args.count, args.seed, args.syntax_errors, args.schema_errors)
    if args.huge_members:
        paths.append(generate_huge(args.out, icbs, args.huge_members, args.seed))
    print(f"wrote {len(paths)} files to {args.out}")


if __name__ == "__main__":
    main()
