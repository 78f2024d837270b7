"""Load YAML text into plain data and an index of where every key and value stands.

One walk over PyYAML's node tree gives both, and catches what `yaml.safe_load` hides:
duplicate keys, which PyYAML silently resolves to the last value. Timestamps stay the strings
they were written as, and only ``true``/``false`` are booleans (YAML 1.2): ``voting: yes`` is
then a schema error the user can see, not a silent ``True``, and ``icb_code: NO`` stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is absent on some platforms
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Pointer = tuple[str | int, ...]
"""A path into the document: mapping keys and list indexes from the root."""

_TAG = "tag:yaml.org,2002:"
_MAX_NODES = 200_000
"""Aliases can make a small file expand without bound (the 'billion laughs'); stop long before."""
_MAX_DEPTH = 100
"""Far deeper than any real file; libyaml's composer recurses in C and crashes on deep nesting."""
_TOO_DEEP = "the YAML is nested too deeply to read"

_TAB_HINT = "indent with spaces, not tabs"
_COLON_HINT = "a value may be missing a space after its colon, or a line is indented wrongly"
_HINTS = {
    "found character '\\t' that cannot start any token": _TAB_HINT,
    "found a tab character that violates indentation": _TAB_HINT,
    "mapping values are not allowed here": _COLON_HINT,
    "mapping values are not allowed in this context": _COLON_HINT,
}


def pointer_text(pointer: Pointer) -> str:
    """The JSON Pointer (RFC 6901) for a path, as reporters and JSON output show it."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in pointer)


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in the file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """A reason the text is not usable YAML, with where it was found."""

    message: str
    position: Position


class YamlSyntaxError(Exception):
    """The text could not be turned into data; `problems` says where and why."""

    def __init__(self, problems: list[SyntaxProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Document:
    """Plain data (dicts, lists, scalars) and the position of every node in it."""

    data: Any
    values: dict[Pointer, Position] = field(repr=False)
    """Where each value starts, by its path."""
    keys: dict[Pointer, Position] = field(repr=False)
    """Where the key that introduces each mapping value starts, by the value's path."""

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Position:
        """The position of a node, or of its nearest ancestor that exists.

        A missing key therefore points at the mapping that should hold it. With `at_key`, a
        mapping entry is located at its key, which is where a user looks to rename or delete it.
        """
        if at_key and pointer in self.keys:
            return self.keys[pointer]
        for end in range(len(pointer), -1, -1):
            position = self.values.get(pointer[:end])
            if position is not None:
                return position
        return Position(1, 1)


def decode(raw: bytes) -> str:
    """UTF-8 text (a leading byte-order mark allowed); bad bytes are a syntax problem."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # error.start counts from after any byte-order mark, so index error.object, not raw
        position = _position_after(error.object[: error.start].decode("utf-8"))
        bad = error.object[error.start]
        message = f"the file is not UTF-8 text (byte 0x{bad:02x}); save it as UTF-8"
        raise YamlSyntaxError([SyntaxProblem(message, position)]) from None


def load(text: str) -> Document:
    """Parse one YAML document into a `Document`, or raise `YamlSyntaxError`."""
    try:
        _check_depth(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError([_problem_from(error, text)]) from None
    except yaml.reader.ReaderError as error:
        raise YamlSyntaxError([_control_character(error.character, text)]) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError([SyntaxProblem(str(error), Position(1, 1))]) from None
    builder = _Builder()
    try:
        data = None if root is None else builder.build(root, ())
    except RecursionError:
        # aliases can nest a deep value inside another one, deeper than the text itself
        raise YamlSyntaxError([SyntaxProblem(_TOO_DEEP, Position(1, 1))]) from None
    if builder.problems:
        raise YamlSyntaxError(sorted(builder.problems, key=_problem_order))
    return Document(data, builder.values, builder.keys)


def _check_depth(text: str) -> None:
    """Refuse deep nesting from the event stream, which libyaml parses without recursing."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                mark = event.start_mark
                position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
                raise YamlSyntaxError([SyntaxProblem(_TOO_DEEP, position)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _control_character(character: int, text: str) -> SyntaxProblem:
    # The loaders disagree on whether the error's offset counts bytes or characters; the first
    # occurrence of the character is the one they stopped at.
    message = f"the file contains a control character (U+{character:04X}) YAML forbids; delete it"
    text = text.removeprefix("\ufeff")
    index = text.find(chr(character))
    return SyntaxProblem(message, _position_after(text[:index]) if index >= 0 else Position(1, 1))


def _position_after(before: str) -> Position:
    """Where the character after `before` stands, counting characters, not bytes."""
    return Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)


def _problem_order(problem: SyntaxProblem) -> tuple[int, int]:
    return (problem.position.line, problem.position.column)


def _position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _problem_from(error: yaml.MarkedYAMLError, text: str) -> SyntaxProblem:
    mark = error.problem_mark or error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    problem = error.problem or "invalid YAML"
    if problem.startswith("exceeded maximum nesting depth"):
        # PyYAML 6.0.4's own limit on flow nesting; the same refusal as ours, said our way
        return SyntaxProblem(_TOO_DEEP, position)
    if problem == "found character that cannot start any token" and mark:
        # libyaml leaves out the character that PyYAML names (and the tab hint needs)
        lines = text.removeprefix("\ufeff").split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        if mark.column < len(line):
            problem = f"found character {line[mark.column]!r} that cannot start any token"
    message = f"invalid YAML: {problem}"
    if error.context:
        message += f" ({error.context}"
        if error.context_mark and error.context_mark is not mark:
            message += f" at line {error.context_mark.line + 1}"
        message += ")"
    hint = _HINTS.get(problem)
    if hint:
        message += f"; {hint}"
    return SyntaxProblem(message, position)


class _Builder:
    """Walks the node tree once, recording positions and problems as it goes."""

    def __init__(self) -> None:
        self.values: dict[Pointer, Position] = {}
        self.keys: dict[Pointer, Position] = {}
        self.problems: list[SyntaxProblem] = []
        self._constructor = SafeConstructor()
        self._visited = 0
        self._open: set[int] = set()

    def build(self, node: Node, pointer: Pointer) -> Any:
        self._visited += 1
        if self._visited > _MAX_NODES:
            if self._visited == _MAX_NODES + 1:
                self._fail(node, "the document expands to too many values (aliases?)")
            return None
        if id(node) in self._open:
            self._fail(node, "an alias refers to a value that contains it")
            return None
        self.values[pointer] = _position(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if node.tag not in (_TAG + "map", _TAG + "seq"):
            self._fail(node, f"unsupported YAML tag '{node.tag}'; remove the tag")
        self._open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, pointer)
            assert isinstance(node, SequenceNode)
            return [self.build(item, (*pointer, i)) for i, item in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: MappingNode, pointer: Pointer) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._fail(key_node, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _TAG + "merge":
                self._fail(key_node, "merge keys (<<) are not supported; write the keys out")
                continue
            key = key_node.value
            if key in first_seen:
                line = first_seen[key].line
                self._fail(key_node, f"duplicate key '{key}' (first given on line {line})")
                continue
            first_seen[key] = _position(key_node)
            child = (*pointer, key)
            self.keys[child] = first_seen[key]
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        kind = node.tag.removeprefix(_TAG)
        if kind == "null":
            return None
        if kind == "bool":
            lowered = node.value.lower()
            return lowered == "true" if lowered in ("true", "false") else node.value
        if kind == "int":
            return self._constructor.construct_yaml_int(node)
        if kind == "float":
            return self._constructor.construct_yaml_float(node)
        if kind not in ("str", "timestamp"):
            self._fail(node, f"unsupported YAML tag '{node.tag}'; write a plain value")
        return node.value

    def _fail(self, node: Node, message: str) -> None:
        self.problems.append(SyntaxProblem(message, _position(node)))
