"""Load YAML text into plain data and an index of where every key and value stands.

Loading catches what `yaml.safe_load` hides: duplicate keys, which PyYAML silently resolves to
the last value. Timestamps stay the strings they were written as, and only ``true``/``false`` are
booleans (YAML 1.2): ``voting: yes`` is then a schema error the user can see, not a silent
``True``, and ``icb_code: NO`` stays text.

Two paths give the same result. The fast one is a single pass over the parser's events that
builds the data, the positions, the caps and the duplicate-key check together; anything it does
not expect (an error, an anchor or alias, a tag, a merge key, a second document, a cap reached)
sends the text down the careful path: a check of the event stream, PyYAML's node tree and one
walk over it, which is the reference for every message and refusal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from icscheck.wording import clip

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is absent on some platforms
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Pointer = tuple[str | int, ...]
"""A path into the document: mapping keys and list indexes from the root."""
Mark = tuple[int, int]
"""A 1-based line and column as a plain tuple: the index holds one for every node."""

_TAG = "tag:yaml.org,2002:"
_MAX_NODES = 200_000
"""Far more values than any real file; aliases can make a small file expand without bound."""
_MAX_DEPTH = 100
"""Far deeper than any real file; libyaml's composer recurses in C and crashes on deep nesting."""
_TOO_DEEP = "the YAML is nested too deeply to read"
_TOO_MANY = (
    f"the document has too many values to read (more than {_MAX_NODES:,}, "
    "counting each alias as the value it repeats)"
)

_MAX_NUMBER_LENGTH = 100
"""Far longer than any real integer; Python refuses to read or print integers over 4,300 digits."""
_NULL = re.compile(r"~|null|Null|NULL|")
_YAML_1_1_BOOLS = ("yes", "no", "on", "off")
"""Booleans in YAML 1.1 that stay text here (``voting: yes`` is then a schema error)."""

_TAB_HINT = "indent with spaces, not tabs"
_TABS = ("found character '\\t' that cannot start any token", "found a tab character")
_INDENT_HINT = (
    "a line is indented wrongly: the keys of one mapping, and the items of one list, "
    "must start in the same column"
)
_INDENT_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>, but found",
    "did not find expected <document start>",
    "expected '<document start>', but found",
)
_ENTRY_PROBLEMS = ("block sequence entries are not allowed", "sequence entries are not allowed")
_ENTRY_HINT = "a list's items go on the lines below its key, each starting '- ' under it"
_DEEPER_HINT = (
    "this line is indented deeper than the key above it; line it up with its sibling keys"
)
_QUOTE_HINT = "a value that contains a colon and a space (': ') must be in quotes"
_KEY_COLON_HINT = "a key may be missing its colon, or a line is indented wrongly"
_MAPPING_VALUES = "mapping values are not allowed"
_NO_SPACE = re.compile(r"\s*(?:- )?([^\s:#'\"][^\s:]*):[^\s:]")
"""A line that starts ``key:value``: the value lacks the space after its colon."""
_EMPTY_LIST = re.compile(r"\s*(?:- )?([^\s:#]+):\s*\[\s*\]\s*(?:#.*)?")
"""A line that ends ``key: []``, an empty flow list."""


def pointer_text(pointer: Pointer) -> str:
    """The JSON Pointer (RFC 6901) for a path, as reporters and JSON output show it."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in pointer)


class Position(NamedTuple):
    """A 1-based line and column in the file: a tuple, as cheap as one for every value."""

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
    values: dict[Pointer, Mark] = field(repr=False)
    """Where each value starts (line, column), by its path."""
    keys: dict[Pointer, Mark] = field(repr=False)
    """Where the key that introduces each mapping value starts, by the value's path."""

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Position:
        """The position of a node, or of its nearest ancestor that exists.

        A missing key therefore points at the mapping that should hold it. With `at_key`, a
        mapping entry is located at its key, which is where a user looks to rename or delete it.
        """
        if at_key and pointer in self.keys:
            return Position(*self.keys[pointer])
        for end in range(len(pointer), -1, -1):
            mark = self.values.get(pointer[:end])
            if mark is not None:
                return Position(*mark)
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
    fast = _one_pass(text)
    return _careful(text) if fast is None else fast


def _careful(text: str) -> Document:
    """The reference path: any file, every message and refusal."""
    try:
        _check_events(text)
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


class _Unusual(Exception):
    """The fast pass met something it leaves to the careful path."""


@dataclass(slots=True)
class _Open:
    """A collection being filled by the fast pass; mutable, as its pending key changes."""

    container: dict[str, Any] | list[Any]
    pointer: Pointer
    key: str | None = None
    """In a mapping, the key whose value comes next (None while a key is awaited)."""
    key_mark: Mark = (1, 1)


def _one_pass(text: str) -> Document | None:
    """One pass over the parser's events: data, positions, caps and duplicate keys together.

    None when the text needs the careful path, which then gives the same data or the refusal.
    """
    try:
        parser = _Loader(text)
        try:
            return _walk(parser.get_event)
        finally:
            parser.dispose()
    except (_Unusual, yaml.YAMLError):
        return None


def _walk(next_event: Callable[[], Any]) -> Document:
    """Build the document from the events; the parser's own event classes, tested by identity.

    Events are `Any` here: the stubs describe PyYAML's classes, and libyaml's marks and the
    attributes of each event class are only known once its class has been checked.
    """
    values: dict[Pointer, Mark] = {}
    keys: dict[Pointer, Mark] = {}
    next_event()  # the stream's start
    if type(next_event()) is StreamEndEvent:
        return Document(None, values, keys)
    root: Any = None
    stack: list[_Open] = []
    count = 0
    while True:
        event = next_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            continue
        if kind is DocumentEndEvent and type(next_event()) is StreamEndEvent:
            return Document(root, values, keys)
        if kind not in _NODE_EVENTS or event.anchor is not None or event.tag is not None:
            raise _Unusual
        count += 1
        if count > _MAX_NODES:
            raise _Unusual
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        top = stack[-1] if stack else None
        if top is not None and top.key is None and type(top.container) is dict:
            top.key, top.key_mark = _key(event, top.container), where
            continue
        node = _node(event)
        if top is None:
            pointer: Pointer = ()
            root = node
        elif type(top.container) is list:
            pointer = (*top.pointer, len(top.container))
            top.container.append(node)
        else:
            key = top.key
            assert key is not None
            pointer = (*top.pointer, key)
            keys[pointer] = top.key_mark
            top.container[key] = node  # type: ignore[call-overload]
            top.key = None
        values[pointer] = where
        if kind is not ScalarEvent:
            if len(stack) == _MAX_DEPTH:
                raise _Unusual
            stack.append(_Open(node, pointer))


_NODE_EVENTS = (ScalarEvent, MappingStartEvent, SequenceStartEvent)
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers
_STR = _TAG + "str"


def _key(event: Any, mapping: dict[str, Any] | list[Any]) -> str:
    """A mapping's next key, if it is plain text that the mapping does not have yet."""
    if type(event) is not ScalarEvent or event.value in mapping or event.value == "<<":
        raise _Unusual
    return event.value


def _node(event: Any) -> Any:
    if type(event) is ScalarEvent:
        return _plain(event.value) if event.implicit[0] else event.value
    return {} if type(event) is MappingStartEvent else []


@functools.lru_cache(maxsize=4096)
def _plain(value: str) -> Any:
    """An untagged, unquoted scalar's value, resolved as PyYAML's `Resolver.resolve` would.

    Cached: board files repeat the same roles, booleans and dates, and the values are immutable.
    """
    tag = _STR
    for candidate, pattern in (*_IMPLICIT.get(value[:1], ()), *_IMPLICIT.get(None, ())):
        if pattern.match(value):
            tag = candidate
            break
    try:
        return _scalar_value(tag, value)
    except _BadScalar:
        raise _Unusual from None


def _check_events(text: str) -> None:
    """Refuse deep nesting and too many values from the event stream, before a tree is built.

    libyaml parses without recursing and one event at a time, so a 5-million-item line stops
    after the first 200,000 items instead of becoming 5 million nodes. An alias counts as the
    size of the value it repeats, which bounds expansion (the 'billion laughs') the same way.
    """
    depth = 0
    count = 0
    sizes: dict[str, int] = {}
    """Values in each anchored node, aliases within it expanded."""
    opened: list[tuple[str | None, int]] = []
    """Each open collection's anchor and the count when it opened."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                raise _event_problem(event, _TOO_DEEP)
            opened.append((event.anchor, count))
            count += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, start = opened.pop()
            if anchor is not None:
                sizes[anchor] = count - start
        elif isinstance(event, yaml.ScalarEvent):
            count += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            count += sizes.get(event.anchor or "", 1)
        if count > _MAX_NODES:
            raise _event_problem(event, _TOO_MANY)


def _event_problem(event: yaml.Event, message: str) -> YamlSyntaxError:
    mark = event.start_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    return YamlSyntaxError([SyntaxProblem(message, position)])


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
    lines = text.removeprefix("\ufeff").split("\n")
    if problem == "found character that cannot start any token" and mark:
        # libyaml leaves out the character that PyYAML names (and the tab hint needs)
        line = lines[mark.line] if mark.line < len(lines) else ""
        if mark.column < len(line):
            problem = f"found character {line[mark.column]!r} that cannot start any token"
    message = f"invalid YAML: {problem}"
    if error.context:
        message += f" ({error.context}"
        if error.context_mark and error.context_mark is not mark:
            message += f" at line {error.context_mark.line + 1}"
        message += ")"
    if problem == "could not find expected ':'" and error.context_mark:
        # the scan fails on the line after the key that lacks its colon
        position = Position(error.context_mark.line + 1, error.context_mark.column + 1)
    position, hint = _hint(problem, lines, position)
    return SyntaxProblem(f"{message}; {hint}" if hint else message, position)


def _hint(problem: str, lines: list[str], position: Position) -> tuple[Position, str | None]:
    """What a syntax problem most likely means for this file, and the line it is really on.

    libyaml reports bad indentation and a missing space after a colon where it gives up, often
    the line after the mistake; the lines around it tell which mistake it was.
    """
    line = lines[position.line - 1] if position.line <= len(lines) else ""
    above = next(
        (number for number in range(position.line - 1, 0, -1) if lines[number - 1].strip()), 0
    )
    previous = lines[above - 1] if above else ""
    if problem.startswith(_TABS):
        return position, _TAB_HINT
    if problem.startswith(_MAPPING_VALUES):
        if ": " in line[: position.column - 1].removeprefix("- "):
            return position, _QUOTE_HINT
        joined = _NO_SPACE.match(previous)
        if joined:
            return Position(above, joined.end(1) + 1), (
                f"put a space after the colon in {clip(previous.strip().removeprefix('- '))!r}"
            )
        return position, _DEEPER_HINT
    if problem.startswith(_INDENT_PROBLEMS):
        empty = _EMPTY_LIST.fullmatch(previous)
        if empty and line.lstrip().startswith("-"):
            key = clip(empty.group(1))
            return position, f"{key}: [] is an empty list; remove the [] to give the items below it"
        return position, _INDENT_HINT
    if problem.startswith(_ENTRY_PROBLEMS):
        return position, _ENTRY_HINT
    if problem == "could not find expected ':'":
        return position, _KEY_COLON_HINT
    return position, None


class _Builder:
    """Walks the node tree once, recording positions and problems as it goes."""

    def __init__(self) -> None:
        self.values: dict[Pointer, Mark] = {}
        self.keys: dict[Pointer, Mark] = {}
        self.problems: list[SyntaxProblem] = []
        self._open: set[int] = set()

    def build(self, node: Node, pointer: Pointer) -> Any:
        if id(node) in self._open:
            self._fail(node, "an alias refers to a value that contains it")
            return None
        self.values[pointer] = _position(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if node.tag not in (_TAG + "map", _TAG + "seq"):
            self._fail(node, f"unsupported YAML tag '{clip(node.tag)}'; remove the tag")
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
                self._fail(key_node, f"duplicate key '{clip(key)}' (first given on line {line})")
                continue
            first_seen[key] = _position(key_node)
            child = (*pointer, key)
            self.keys[child] = first_seen[key]
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        try:
            return _scalar_value(node.tag, node.value)
        except _BadScalar as problem:
            self._fail(node, str(problem))
            return None

    def _fail(self, node: Node, message: str) -> None:
        self.problems.append(SyntaxProblem(message, _position(node)))


class _BadScalar(Exception):
    """A scalar that its tag does not allow; the message says why."""


def _scalar_value(tag: str, value: str) -> Any:
    """A scalar's data from its resolved or explicit tag, or `_BadScalar`."""
    kind = tag.removeprefix(_TAG)
    if kind == "str":
        return value
    if kind == "null":
        if not _NULL.fullmatch(value):
            raise _odd(tag, value, "empty")
        return None
    if kind == "bool":
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if lowered not in _YAML_1_1_BOOLS:
            raise _odd(tag, value, "true or false")
        return value
    if kind in ("int", "float"):
        return _number(tag, value, kind)
    if kind == "timestamp" and not SafeConstructor.timestamp_regexp.match(value):
        raise _odd(tag, value, "a date like 2028-03-31")
    if kind != "timestamp":
        raise _BadScalar(f"unsupported YAML tag '{clip(tag)}'; write a plain value")
    return value


_CONSTRUCTOR = SafeConstructor()
"""Reads numbers only, which keeps no state."""


def _number(tag: str, value: str, kind: str) -> Any:
    """An integer or float; a malformed or over-long one is a problem, not a crash."""
    length = len(value)
    if kind == "int" and length > _MAX_NUMBER_LENGTH:
        raise _BadScalar(f"{clip(value)!r} is too long a number ({length:,} characters)")
    node = ScalarNode(tag, value)
    try:
        if kind == "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        return _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, IndexError):
        # IndexError: PyYAML reads the first character of an empty `!!int` or `!!float`
        raise _odd(tag, value, "a whole number" if kind == "int" else "a number") from None


def _odd(tag: str, value: str, wanted: str) -> _BadScalar:
    """A value that does not fit the type its tag claims."""
    shown = tag.replace(_TAG, "!!")
    return _BadScalar(f"{clip(value)!r} is not {wanted}, as its tag {shown} says")
