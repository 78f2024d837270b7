"""Rules that hold a file to icscheck's dated reference data on ICBs and their councils."""

from __future__ import annotations

from collections.abc import Iterator

from icscheck import geography
from icscheck.citations import Citation
from icscheck.model import council_key
from icscheck.results import Severity
from icscheck.rules.base import Context, Problem, rule

CODE = ("ics", "icb_code")


@rule(
    "ICS002",
    "icb-code-in-force",
    citation=Citation("REFDATA", "icbs.csv", "C"),
    passing="""
        ics:
          name: Cheshire and Merseyside
          icb_code: QYG
    """,
    failing="""
        ics:
          name: Sussex
          icb_code: QNX
    """,
)
def icb_code_in_force(ctx: Context) -> Iterator[Problem]:
    """The file's `icb_code` names an ICB in force on the `--as-of` date.

    Forty-two ICBs were established on 1 July 2022 (Integrated Care Boards (Establishment)
    Order 2022); twelve were dissolved and six new ones established on 1 April 2026, leaving 36.
    A file that still gives a dissolved ICB's code describes a body that no longer exists: the
    finding names its successor. On a date before 1 July 2022 no code is in force, and the
    finding says so. Codes and succession come from NHS ODS data as documented by
    rcpch/rcpch-nhs-organisations; `icscheck icbs --as-of DATE` lists the ICBs on a date.
    """
    code = ctx.system.icb_code
    if code is None:
        return
    found = geography.lookup(code, ctx.as_of)
    if isinstance(found, geography.InForce):
        return
    listing = " (`icscheck icbs` lists them)" if isinstance(found, geography.UnknownCode) else ""
    vintage = "" if geography.before_icbs(ctx.as_of) else f" ({geography.data_vintage(ctx.as_of)})"
    yield Problem(f"{geography.explain(found, ctx.as_of)}{listing}{vintage}", CODE)


@rule(
    "ICS003",
    "councils-match-reference",
    severity=Severity.WARNING,
    citation=Citation("REFDATA", "icb_local_authorities.csv"),
    passing="""
        ics:
          name: Gloucestershire
          icb_code: QR1
          local_authorities: [Gloucestershire County Council]
    """,
    failing="""
        ics:
          name: Gloucestershire
          icb_code: QR1
          local_authorities: [Gloucestershire County Council, Swindon Borough Council]
    """,
)
def councils_match_reference(ctx: Context) -> Iterator[Problem]:
    """The file's `local_authorities` agree with the reference data for its ICB.

    The responsible (upper-tier) councils in each ICB's area come from a table compiled from the
    ICB boundaries and the local government changes since 2022. It has not been verified against
    the ONS LSOA to ICB to local authority lookups, and a file's own list always wins, so a
    difference is a warning to look at, not a breach. Names match loosely ('Wirral' matches
    'Wirral Metropolitan Borough Council').
    """
    listed = ctx.system.local_authorities
    if ctx.system.icb_code is None or listed is None or ctx.system.councils_from is not None:
        return
    found = geography.lookup(ctx.system.icb_code, ctx.as_of)
    if not isinstance(found, geography.InForce):
        return
    reference = [council.name for council in found.councils]
    if {council_key(n) for n in listed} != {council_key(n) for n in reference}:
        yield Problem(
            f"the file's councils ({', '.join(listed)}) differ from the reference data's for "
            f"{found.record.code} ({', '.join(reference)}; "
            f"{geography.data_vintage(ctx.as_of)}, {geography.UNVERIFIED})",
            ("ics", "local_authorities"),
        )
