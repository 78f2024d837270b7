"""Rules about place-based partnerships (NHS England, Integrating care, November 2020)."""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.citations import Citation
from icscheck.model import Sector
from icscheck.rules.base import Context, Param, Problem, rule


@rule(
    "PLC001",
    "place-minimum-membership",
    citation=Citation("NHSE-IC20", "place-based partnerships"),
    parameters={"sectors": Param(list, tuple(Sector))},
    passing="""
        places:
          - name: Wirral
            members:
              - {name: Dr Ann Cole, sector: primary_care}
              - {name: Cllr Joe Burns, sector: local_authority}
              - {name: Dr Ife Bello, sector: public_health}
              - {name: Mo Khan, sector: community_services}
              - {name: Liz Grant, sector: mental_health}
              - {name: Sam Ellis, sector: healthwatch}
    """,
    failing="""
        places:
          - name: Wirral
            members:
              - {name: Dr Ann Cole, sector: primary_care}
              - {name: Cllr Joe Burns, sector: local_authority}
    """,
)
def place_minimum_membership(ctx: Context) -> Iterator[Problem]:
    """Each place-based partnership has a member from every sector in `sectors`.

    NHS England's 2020 proposals asked each ICS to create local partnerships that "at a minimum"
    include "primary care provider leadership; local authorities, including Director of Public
    Health; providers of community and mental health services and local Healthwatch". A file
    with no `places` says nothing about them, and the rule says nothing either.
    """
    for place in ctx.system.places:
        present = {member.sector for member in place.members}
        missing = [sector for sector in ctx.params["sectors"] if sector not in present]
        if missing:
            words = ", ".join(Sector(sector).label for sector in missing)
            yield Problem(
                f"the {place.name} place partnership has no member from: {words}",
                (*place.path, "name"),
            )
