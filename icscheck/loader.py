"""Load YAML text into plain data and an index of where every key and value stands.

One walk over PyYAML's node tree gives both, and catches what `yaml.safe_load` hides:
duplicate keys, which PyYAML silently resolves to the last value. Timestamps stay the strings
they were written as, and only ``true``/``false`` are booleans (YAML 1.2): ``voting: yes`` is
then a schema error the user can see, not a silent ``True``, and ``icb_code: NO`` stays text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

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
_CLIP = 80
"""The most characters of any value a message quotes."""

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


def clip(text: str) -> str:
    """At most the first 80 characters of a value for a message, an ellipsis marking the cut."""
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


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
    values: dict[Pointer, tuple[int, int]] = field(repr=False)
    """Where each value starts (line, column), by its path."""
    keys: dict[Pointer, tuple[int, int]] = field(repr=False)
    """Where the key that introduces each mapping value starts, by the value's path."""

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Position:
        """The position of a node, or of its nearest ancestor that exists.

        A missing key therefore points at the mapping that should hold it. With `at_key`, a
        mapping entry is located at its key, which is where a user looks to rename or delete it.
        """
        if at_key and pointer in self.keys:
            return Position(*self.keys[pointer])
        for end in range(len(pointer), -1, -1):
            position = self.values.get(pointer[:end])
            if position is not None:
                return Position(*position)
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
    """Parse one YAML document into a `Document`, or raise `YamlSyntaxError`.

    Ordinary files are read in one pass over the parser's events (`_one_pass`); anything else
    (aliases, tags, odd values, limits reached, errors) takes the careful path, which composes
    a node tree first and says exactly what is wrong.
    """
    fast = _one_pass(text)
    if fast is not None:
        return fast
    return _careful(text)


class _Unusual(Exception):
    """The one-pass reader met something only the careful path handles."""


_resolve = cast(Callable[[type, str, tuple[bool, bool]], str], yaml.resolver.Resolver().resolve)
"""The tag PyYAML gives a plain scalar, as the composer would."""
_PLAIN = (True, False)
_CONSTRUCTOR = SafeConstructor()


def _one_pass(text: str) -> Document | None:
    """The document from one walk over libyaml's events, building the data, the positions and
    the depth, size and duplicate-key checks together; None when the file needs the careful
    path, which then gives the same data or the same refusal."""
    values: dict[Pointer, tuple[int, int]] = {}
    keys: dict[Pointer, tuple[int, int]] = {}
    stack: list[tuple[Any, Pointer, list[Any]]] = []
    """Each open collection, its path and, for a mapping, [key waiting for its value, its
    position] (empty for a list)."""
    root: Any = None
    count = 0
    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                mark = event.start_mark
                at = (mark.line + 1, mark.column + 1)
                count += 1
                if not stack:
                    root = _plain_value(event)
                    values[()] = at
                    continue
                container, pointer, pending = stack[-1]
                if pending:
                    if not pending[0]:
                        key = event.value
                        if key in container or (key == "<<" and not event.style):
                            raise _Unusual
                        pending[0] = (key,)
                        pending[1] = at
                        continue
                    child = (*pointer, pending[0][0])
                    keys[child] = pending[1]
                    container[pending[0][0]] = _plain_value(event)
                    pending[0] = None
                else:
                    child = (*pointer, len(container))
                    container.append(_plain_value(event))
                values[child] = at
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                count += 1
                if len(stack) >= _MAX_DEPTH:
                    raise _Unusual
                mark = event.start_mark
                at = (mark.line + 1, mark.column + 1)
                new: Any = {} if kind is yaml.MappingStartEvent else []
                if not stack:
                    root, child = new, ()
                else:
                    container, pointer, pending = stack[-1]
                    if pending:
                        if not pending[0]:
                            raise _Unusual  # a collection as a key
                        child = (*pointer, pending[0][0])
                        keys[child] = pending[1]
                        container[pending[0][0]] = new
                        pending[0] = None
                    else:
                        child = (*pointer, len(container))
                        container.append(new)
                values[child] = at
                stack.append((new, child, [None, None] if isinstance(new, dict) else []))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent or (kind is yaml.DocumentStartEvent and values):
                raise _Unusual
            if count > _MAX_NODES:
                raise _Unusual
    except (_Unusual, yaml.YAMLError):
        return None
    return Document(root, values, keys)


def _plain_value(event: Any) -> Any:
    """A scalar's value as the careful path reads it, for the kinds ordinary files hold."""
    value: str = event.value
    if event.style or not event.implicit[0]:
        return value
    tag = _resolve(yaml.ScalarNode, value, _PLAIN)
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "timestamp" and SafeConstructor.timestamp_regexp.match(value):
        return value
    if tag == _TAG + "null" and _NULL.fullmatch(value):
        return None
    if tag == _TAG + "bool":
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if lowered in _YAML_1_1_BOOLS:
            return value
    if tag == _TAG + "int" and len(value) <= _MAX_NUMBER_LENGTH:
        try:
            return _CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(tag, value))
        except (ValueError, IndexError):
            raise _Unusual from None
    raise _Unusual


def _careful(text: str) -> Document:
    """The reference reader: events checked first, then a node tree, then data and positions."""
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
        self.values: dict[Pointer, tuple[int, int]] = {}
        self.keys: dict[Pointer, tuple[int, int]] = {}
        self.problems: list[SyntaxProblem] = []
        self._constructor = SafeConstructor()
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
        kind = node.tag.removeprefix(_TAG)
        if kind == "null":
            return None if _NULL.fullmatch(node.value) else self._odd(node, "empty")
        if kind == "bool":
            lowered = node.value.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            return node.value if lowered in _YAML_1_1_BOOLS else self._odd(node, "true or false")
        if kind in ("int", "float"):
            return self._number(node, kind)
        if kind == "timestamp" and not SafeConstructor.timestamp_regexp.match(node.value):
            return self._odd(node, "a date like 2028-03-31")
        if kind not in ("str", "timestamp"):
            self._fail(node, f"unsupported YAML tag '{clip(node.tag)}'; write a plain value")
        return node.value

    def _number(self, node: ScalarNode, kind: str) -> Any:
        """An integer or float; a malformed or over-long one is a problem, not a crash."""
        length = len(node.value)
        if kind == "int" and length > _MAX_NUMBER_LENGTH:
            self._fail(node, f"{clip(node.value)!r} is too long a number ({length:,} characters)")
            return None
        try:
            if kind == "int":
                return self._constructor.construct_yaml_int(node)
            return self._constructor.construct_yaml_float(node)
        except (ValueError, IndexError):
            # IndexError: PyYAML reads the first character of an empty `!!int` or `!!float`
            return self._odd(node, "a whole number" if kind == "int" else "a number")

    def _odd(self, node: ScalarNode, wanted: str) -> None:
        """A value that does not fit the type its tag claims."""
        tag = node.tag.replace(_TAG, "!!")
        self._fail(node, f"{clip(node.value)!r} is not {wanted}, as its tag {tag} says")

    def _fail(self, node: Node, message: str) -> None:
        self.problems.append(SyntaxProblem(message, _position(node)))
