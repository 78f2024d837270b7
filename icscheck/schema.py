"""Check a document's shape against the input JSON Schema, in words a board secretary reads.

A compiled validator (jsonschema-rs) decides whether a document is valid; only an invalid one
goes through jsonschema, whose errors the messages are made from, so the words never depend on
which validator is installed. Without jsonschema-rs, jsonschema does both, with the same
results. Validators are built when a file is first checked, so `--help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from icscheck.shipped import shipped_text
from icscheck.wording import clip, did_you_mean

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

    from icscheck.loader import Pointer

ICS_SCHEMA = "ics-v1.schema.json"
EDITION_SCHEMA = "edition-v1.schema.json"
REPORT_SCHEMA = "report-v1.schema.json"

_DATE_LIKE = "a date like 2028-03-31 (YYYY-MM-DD)"
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """One way the document departs from the schema, and the path it is about."""

    message: str
    pointer: Pointer
    at_key: bool = False
    """Locate at the mapping key rather than its value (unknown keys, missing values)."""


def schema_text(name: str = ICS_SCHEMA) -> str:
    """A shipped schema exactly as it is, for `icscheck schema` and editors."""
    return shipped_text("schemas", name)


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(json.loads(schema_text(name)), format_checker=FormatChecker())


@cache
def compiled(name: str) -> Callable[[Any], bool] | None:
    """The compiled validity test of a shipped schema, or None where jsonschema-rs is missing.

    It is given jsonschema's own test of `format: date`: its built-in one accepts year 0000,
    which Python's calendar (and so the model) cannot hold.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    validator = jsonschema_rs.validator_for(
        json.loads(schema_text(name)), formats={"date": _is_date}, validate_formats=True
    )
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(text: str) -> bool:
    """What jsonschema's FormatChecker calls a date: YYYY-MM-DD naming a real day."""
    try:
        return bool(_ISO_DATE.fullmatch(text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def _surely_valid(data: Any, schema: str) -> bool:
    """Whether the compiled validator vouches for `data`; anything it cannot take (a number too
    big for it, say) goes to jsonschema, which is the reference."""
    is_valid = compiled(schema)
    if is_valid is None:
        return False
    try:
        return is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


def validate(data: Any, schema: str = ICS_SCHEMA) -> list[SchemaProblem]:
    """Every problem in `data` against a shipped schema, at most one per path."""
    if data is None:
        return [SchemaProblem("the file is empty", ())]
    if _surely_valid(data, schema):
        return []
    return problems(data, schema)


def problems(data: Any, schema: str = ICS_SCHEMA) -> list[SchemaProblem]:
    """What jsonschema alone finds in `data`: the reference the compiled verdict must agree with."""
    from jsonschema.exceptions import best_match

    found: dict[Pointer, SchemaProblem] = {}
    for error in _validator(schema).iter_errors(data):
        chosen = best_match(error.context) if error.context else error
        for problem in _describe(chosen):
            found.setdefault(problem.pointer, problem)
    return list(found.values())


def _describe(error: ValidationError) -> list[SchemaProblem]:
    pointer: Pointer = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    instance: Any = error.instance
    expected: Any = error.validator_value
    field = _field_name(pointer)
    kind = error.validator
    if kind == "required":
        missing = [key for key in expected if key not in instance]
        reason = schema.get("errorMessage")
        return [
            SchemaProblem(
                reason or f"missing required key '{key}' in {_container_name(pointer)}",
                (*pointer, key),
                at_key=True,
            )
            for key in missing
        ]
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        return [
            SchemaProblem(
                f"unknown key '{clip(key)}' in {_container_name(pointer)}; "
                + _suggest(key, allowed),
                (*pointer, key),
                at_key=True,
            )
            for key in instance
            if key not in allowed
        ]
    if kind == "enum":
        choices = [str(choice) for choice in expected if choice is not None]
        return [
            SchemaProblem(
                f"{field} {_shown(instance)} is not allowed; " + _suggest(instance, choices),
                pointer,
            )
        ]
    if kind == "const":
        if isinstance(instance, str) and instance == str(expected):
            message = f"{field} must be the number {expected}: write {expected}, without quotes"
        elif pointer == ("version",):
            message = (
                f"unsupported format version {_shown(instance)}: this icscheck reads version 1"
            )
        else:
            message = f"{field} must be {_shown(expected)}"
        return [SchemaProblem(message, pointer)]
    if kind == "type" and "errorMessage" in schema:
        return [SchemaProblem(schema["errorMessage"], pointer)]
    if kind == "type" and schema.get("format") == "date":
        return [SchemaProblem(f"{field} must be {_DATE_LIKE}, not {_shown(instance)}", pointer)]
    if kind == "type":
        wanted = " or ".join(
            _TYPE_WORDS[t] for t in ([expected] if isinstance(expected, str) else expected)
        )
        return [SchemaProblem(f"{field} must be {wanted}, not {_shown(instance)}", pointer)]
    if kind in ("pattern", "format") and schema.get("format") == "date":
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(instance)):
            message = f"{field} {_shown(instance)} is not a real date"
        else:
            message = f"{field} must be {_DATE_LIKE}, not {_shown(instance)}"
        return [SchemaProblem(message, pointer)]
    if kind == "pattern" and pointer[-1:] == ("icb_code",):
        from icscheck import geography

        hint = geography.suggestion(str(instance))
        return [SchemaProblem(f"{field} {_shown(instance)} {geography.CODE_FORM}{hint}", pointer)]
    if kind == "pattern":
        message = (
            schema.get("errorMessage") or f"{field} {_shown(instance)} is not in the expected form"
        )
        return [SchemaProblem(message, pointer)]
    if kind == "minLength":
        return [SchemaProblem(f"{field} must not be empty", pointer)]
    if kind == "maxLength":
        message = f"{field} must be at most {expected:,} characters, not {len(instance):,}"
        return [SchemaProblem(f"{message}: {_shown(instance)}", pointer)]
    return [SchemaProblem(f"{field}: {clip(error.message)}", pointer)]


def _field_name(pointer: Pointer) -> str:
    """How a field is named in a message: its key, or 'each entry of' the list it sits in."""
    name = next((clip(part) for part in reversed(pointer) if isinstance(part, str)), "the file")
    return f"each entry of {name}" if pointer and isinstance(pointer[-1], int) else name


_CONTAINERS = {
    (): "the file",
    ("board", "members"): "board member",
    ("board", "members", "interests"): "declared interest",
    ("partnership", "members"): "partnership member",
    ("places",): "place",
    ("places", "members"): "place member",
}


def _container_name(pointer: Pointer) -> str:
    """'board member', 'place', 'the file' … for the mapping at `pointer`."""
    keys = tuple(part for part in pointer if isinstance(part, str))
    return _CONTAINERS.get(keys, f"'{clip(keys[-1])}'" if keys else "the file")


def _suggest(value: object, choices: list[str]) -> str:
    hint = did_you_mean(clip(str(value)), choices)
    listed = ", ".join(choices)
    return f"{hint} (allowed: {listed})" if hint else f"allowed: {listed}"


def _shown(value: object) -> str:
    """A value as a message quotes it: never more than its first 80 characters."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"'{clip(value)}'" if isinstance(value, str) else clip(str(value))
