"""Project settings: `.icscheck.yaml` or `[tool.icscheck]` in `pyproject.toml`.

Found from the current folder upwards, the nearest first; command-line options win over them.
Unknown or mistyped settings are errors, as in yamllint: a typo must not silently do nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icscheck import loader
from icscheck.discovery import InputError, read_limited
from icscheck.editions import ALL_EDITIONS, EditionError, load_edition
from icscheck.results import Severity
from icscheck.rules.registry import pattern_problem, split_names
from icscheck.wording import clip, did_you_mean, location

YAML_NAME = ".icscheck.yaml"
PYPROJECT = "pyproject.toml"
KEYS = ("edition", "rules", "fail-on", "select", "ignore")


class SettingsError(Exception):
    """Settings that cannot be used; the message names the file and the setting."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What a project's settings file asks for; None where it says nothing."""

    edition: tuple[str, ...] | None = None
    rules: Path | None = None
    """A rule pack, resolved against the settings file's folder."""
    fail_on: Severity | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    file: Path | None = None
    """The settings file itself, which a report must never be written over."""


def find_settings(start: Path) -> Settings:
    """The nearest settings at or above `start`, or empty settings when there are none."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / YAML_NAME
        if own.exists():
            return _from_table(_read_yaml(own), own, str(own))
        pyproject = folder / PYPROJECT
        if pyproject.exists():
            tool = _read_pyproject(pyproject).get("tool", {})
            table = tool.get("icscheck") if isinstance(tool, dict) else None
            if table is not None:
                return _from_table(table, pyproject, f"{pyproject} [tool.icscheck]")
    return Settings()


def _read_yaml(path: Path) -> Any:
    try:
        return loader.load(loader.decode(_read(path))).data or {}
    except loader.YamlSyntaxError as error:
        where = error.problems[0].position
        raise SettingsError(f"{location(str(path), where.line, where.column)}: {error}") from None


def _read_pyproject(path: Path) -> dict[str, Any]:
    """The TOML of a pyproject.toml; the parser is imported only when there is one to read."""
    import tomllib

    try:
        return tomllib.loads(_read(path).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"cannot read {path}: {error}") from None


def _read(path: Path) -> bytes:
    """A settings file's bytes, bounded and from a regular file only, as any file icscheck reads."""
    try:
        return read_limited(path)
    except InputError as error:
        raise SettingsError(f"cannot read {path}: {error}") from None


def _from_table(table: Any, path: Path, origin: str) -> Settings:
    if not isinstance(table, dict):
        raise SettingsError(f"{origin}: settings must be a mapping of keys to values")
    for key in table:
        if key not in KEYS:
            hint = did_you_mean(str(key), KEYS)
            hint = f"; {hint}" if hint else f" (settings: {', '.join(KEYS)})"
            raise SettingsError(f"{origin}: unknown setting '{clip(str(key))}'{hint}")
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in [s.value for s in Severity]:
        wrong = clip(repr(fail_on))
        raise SettingsError(f"{origin}: fail-on must be error, warning or info, not {wrong}")
    rules = table.get("rules")
    if rules is not None and not isinstance(rules, str):
        raise SettingsError(f"{origin}: rules must be the path of a rule pack")
    editions = _names(table, "edition", origin)
    if editions is not None and rules is not None:
        raise SettingsError(
            f"{origin}: give edition or rules, not both: a rule pack names the edition it extends"
        )
    for name in editions or ():
        try:
            if name != ALL_EDITIONS:
                load_edition(name)
        except EditionError as error:
            raise SettingsError(f"{origin}: {error}") from None
    patterns = {key: _names(table, key, origin) for key in ("select", "ignore")}
    for key, names in patterns.items():
        for pattern in names or ():
            problem = pattern_problem(clip(pattern), ignoring=key == "ignore")
            if problem:
                raise SettingsError(f"{origin}: {key} {problem}")
    return Settings(
        edition=editions,
        rules=None if rules is None else _rule_pack(path.parent, rules, origin),
        fail_on=None if fail_on is None else Severity(fail_on),
        select=patterns["select"],
        ignore=patterns["ignore"],
        file=path,
    )


def _rule_pack(folder: Path, rules: str, origin: str) -> Path:
    """The `rules:` pack, which must lie in the settings file's folder or below it.

    Settings travel with a repository: a pack elsewhere on the machine (perhaps through a
    symlink) is refused, and the message does not repeat what the file holds.
    """
    pack = folder / rules
    if not pack.resolve().is_relative_to(folder.resolve()):
        raise SettingsError(
            f"{origin}: the rules setting must name a rule pack in {folder} or a folder below it"
        )
    return pack


def _names(table: dict[str, Any], key: str, origin: str) -> tuple[str, ...] | None:
    """A setting that takes one name, a list of names, or names separated by commas."""
    value = table.get(key)
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise SettingsError(f"{origin}: {key} must be a name or a list of names")
    return split_names(tuple(items))
