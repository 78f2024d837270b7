"""Builders for rule tests: schema-valid documents from Python dicts, and one rule run on them."""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from icscheck.editions import latest_params
from icscheck.loader import Pointer, load
from icscheck.model import build_system
from icscheck.rules import RULES_BY_ID, Context, Problem
from icscheck.schema import validate

AS_OF = dt.date(2026, 11, 23)
PAST = "2024-06-30"
"""A date before AS_OF: a term that ended then has lapsed."""
FUTURE = "2027-04-01"
"""A date after AS_OF: an appointment from then has not begun."""
BOARD = ("board", "members")
PARTNERSHIP = ("partnership", "members")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"

Doc = dict[str, Any]


def schema_valid(doc: Doc) -> Doc:
    """The document itself, once the schema accepts it: rules only ever see valid input."""
    problems = validate(doc)
    assert not problems, [f"{problem.pointer}: {problem.message}" for problem in problems]
    return doc


def member(name: str, role: str, **fields: Any) -> Doc:
    """A board member entry."""
    return {"name": name, "role": role, **fields}


def appointee(name: str, appointed_by: str, **fields: Any) -> Doc:
    """A partnership member entry."""
    return {"name": name, "appointed_by": appointed_by, **fields}


def council_appointee(name: str, council: str) -> Doc:
    return appointee(name, "local_authority", local_authority=council)


def document(
    members: list[Doc] | tuple[Doc, ...] = (),
    *,
    board_name: str | None = None,
    ics: Doc | None = None,
    partnership: Doc | None = None,
    places: list[Doc] | None = None,
) -> Doc:
    """A minimal schema-valid document; sections left as None are absent."""
    doc: Doc = {
        "version": 1,
        "ics": {"name": "Example", **(ics or {})},
        "board": {"members": list(members)},
    }
    if board_name is not None:
        doc["board"]["name"] = board_name
    if partnership is not None:
        doc["partnership"] = partnership
    if places is not None:
        doc["places"] = places
    return schema_valid(doc)


def check(rule_id: str, doc: Doc, *, as_of: dt.date = AS_OF, **params: Any) -> list[Problem]:
    """Run one rule on a document with its edition's parameters, overridden by `params`."""
    rule = RULES_BY_ID[rule_id]
    unknown = set(params) - set(rule.parameters)
    assert not unknown, f"{rule_id} has no parameter {unknown}"
    context = Context(
        system=build_system(schema_valid(doc)),
        as_of=as_of,
        params={**latest_params(rule_id), **params},
    )
    return list(rule.check(context))


def paths(problems: list[Problem]) -> list[Pointer]:
    return [problem.path for problem in problems]


@cache
def _fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def fixture_document(name: str) -> Doc:
    """A fresh copy of a YAML fixture's data, dates kept as strings, checked against the schema."""
    return schema_valid(copy.deepcopy(load(_fixture_text(name)).data))
