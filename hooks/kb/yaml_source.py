"""Load YAML data files keeping the line of every value, and validate them.

Validation errors from pydantic point at a location such as
("items", 2, "text", "zh"); keeping each node's line lets us turn that into
`data/checklists/x.yml:14: items[2].text: missing 'zh'` for the writer.
"""

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import KbError

Location = tuple[str | int, ...]
Model = TypeVar("Model", bound=BaseModel)


def read_text(path: Path, shown_as: str) -> str:
    """A file's text; anything but UTF-8 is a writer's mistake with a line number."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise KbError(shown_as, line, "file is not UTF-8 text: save it as UTF-8") from None


def load_yaml(path: Path, shown_as: str) -> tuple[Any, dict[Location, int]]:
    """Return the file's data and a map from each value's location to its line."""
    return parse_yaml(read_text(path, shown_as), shown_as)


# libyaml (PyYAML's C parser) reads a front matter ~30× faster than the pure-Python one, but it
# recurses on the C stack and crashes the process on very deep nesting; it is used only where
# the text cannot nest deeper than this, and never to word an error.
_C_LOADER = getattr(yaml, "CSafeLoader", None)
_C_MAX_DEPTH = 1000


def _libyaml_can_read(text: str) -> bool:
    return _C_LOADER is not None and text.count("\n") + text.count("[") + text.count("{") < _C_MAX_DEPTH


def _compose(text: str) -> yaml.Node | None:
    """The YAML node tree of text; a syntax error is raised by the pure-Python parser, which words it better."""
    if _libyaml_can_read(text):
        try:
            return yaml.compose(text, Loader=_C_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def quick_load(text: str) -> Any:
    """Plain data from YAML text, fast, for text whose errors are reported elsewhere (raises yaml.YAMLError)."""
    if _libyaml_can_read(text):
        return yaml.load(text, Loader=_C_LOADER)
    return yaml.load(text, Loader=yaml.SafeLoader)


class _PlainLoader(_C_LOADER or yaml.SafeLoader):  # type: ignore[misc]
    """libyaml, refusing what parse_yaml reads differently or reports: duplicate keys, merge keys, non-text keys."""

    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.YAMLError("not plain")
            key = self.construct_object(key_node)
            if key in keys:
                raise yaml.YAMLError("duplicate key")
            keys.add(key)
        return super().construct_mapping(node, deep)


def plain_yaml(text: str) -> Any:
    """The data of well-formed, plain YAML text, fast; None where parse_yaml must read it to word a problem.

    Anchors (`&name`) are left to parse_yaml too: an alias may make a value contain itself.
    """
    if "&" in text or not _libyaml_can_read(text):
        return None
    try:
        return yaml.load(text, Loader=_PlainLoader)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError):
        return None


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> tuple[Any, dict[Location, int]]:
    """Parse YAML text that starts at `first_line` of its file."""
    offset = first_line - 1
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else None
        raise KbError(shown_as, line, f"YAML syntax error: {error.problem or error.context}") from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1 + offset
        raise KbError(shown_as, line, f"character U+{error.character:04X} is not allowed in YAML: remove it") from None
    except RecursionError:
        raise KbError(shown_as, first_line, "YAML is nested too deeply") from None
    if root is None:
        raise KbError(shown_as, first_line, "file is empty" if first_line == 1 else "front matter is empty")
    lines: dict[Location, int] = {}
    constructor = yaml.SafeLoader("")

    building: set[int] = set()  # nodes being built now: an alias to one of them is a cycle

    def build(node: yaml.Node, location: Location) -> Any:
        lines[location] = node.start_mark.line + 1 + offset
        if id(node) in building:
            raise KbError(shown_as, lines[location], "an alias (*name) refers to a value that contains it")
        if isinstance(node, yaml.MappingNode):
            building.add(id(node))
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = build_scalar(key_node)
                if key in mapping:
                    raise KbError(shown_as, key_node.start_mark.line + 1 + offset, f"duplicate key '{key}'")
                mapping[key] = build(value_node, location + (key,))
            building.discard(id(node))
            return mapping
        if isinstance(node, yaml.SequenceNode):
            building.add(id(node))
            items = [build(item, location + (index,)) for index, item in enumerate(node.value)]
            building.discard(id(node))
            return items
        return build_scalar(node)

    def build_scalar(node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise KbError(shown_as, node.start_mark.line + 1 + offset, "a key must be plain text")
        try:
            return constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise KbError(shown_as, node.start_mark.line + 1 + offset, f"unsupported YAML value: {error.problem}") from None
        except (ValueError, OverflowError) as error:  # e.g. a date like 2026-13-01
            raise KbError(shown_as, node.start_mark.line + 1 + offset, f"invalid value '{node.value}': {error}") from None

    try:
        return build(root, ()), lines
    except RecursionError:
        raise KbError(shown_as, first_line, "YAML is nested too deeply") from None


def describe(location: Location) -> str:
    """("items", 2, "text") -> "items[2].text"."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_of(location: Location, lines: dict[Location, int]) -> int | None:
    """The line of the deepest known part of a location (a missing key reports its parent)."""
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None


def _message(error: dict) -> str:
    location = tuple(part for part in error["loc"] if not isinstance(part, str) or not part.startswith("function-"))
    parent, last = describe(location[:-1]), location[-1] if location else ""
    kind = error["type"]
    if kind == "missing":
        return f"{parent + ': ' if parent else ''}missing required key '{last}'"
    if kind == "extra_forbidden":
        return f"{parent + ': ' if parent else ''}unknown key '{last}'"
    message = error["msg"].removeprefix("Value error, ")
    return f"{describe(location)}: {message}" if location else message


def validate(model: type[Model], data: Any, lines: dict[Location, int], shown_as: str) -> Model:
    """Validate data against a pydantic model; the first problem becomes a KbError."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        raise KbError(shown_as, line_of(location, lines), _message(first)) from None


@cache
def _adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(kind)


def validate_at(kind: Any, data: Any, location: Location, lines: dict[Location, int], shown_as: str) -> Any:
    """Validate one value found at `location` against a type (for shapes known only from the data)."""
    try:
        return _adapter(kind).validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        full = location + tuple(first["loc"])
        raise KbError(shown_as, line_of(full, lines), _message({**first, "loc": full})) from None


def load_model(model: type[Model], path: Path, shown_as: str) -> Model:
    data, lines = load_yaml(path, shown_as)
    return validate(model, data, lines, shown_as)
