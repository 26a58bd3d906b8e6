"""Load YAML safely and remember the line of every key, for errors that say ``file:line``.

PyYAML's ``safe_load`` forgets positions, and it shares aliased nodes, so a
"billion laughs" file only explodes later when something walks it. Here the
node graph from ``yaml.compose`` is converted by hand: every key path gets its
line, and the conversion stops with a clear error after ``MAX_NODES`` nodes.
Nesting is checked on the event stream first (``MAX_DEPTH``): libyaml's
composer recurses in C and a file of 100,000 ``[`` crashes the interpreter,
and an alias to its own ancestor would otherwise recurse forever.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.errors import MedlintError

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_NOTHING = re.compile(r"(?:[ ]*(?:#[^\n\r\x85\u2028\u2029]*)?\n)*[ ]*(?:#[^\n\r\x85\u2028\u2029]*)?")
"""A text of blank and comment lines only: an empty document, known without importing PyYAML.

Spaces only (PyYAML rejects a tab that starts a line) and ``\\n`` line ends
only (PyYAML also ends a comment at ``\\r``, NEL and U+2028/9): anything else is
left to PyYAML, so the answer is always the one it would give.
"""

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """A parsed YAML document with the 1-based line of each key path."""

    path: str
    data: Any
    lines: dict[KeyPath, int]

    def line(self, *keys: str | int) -> int:
        """Return the line of the deepest known prefix of ``keys`` (1 when none is known)."""
        for end in range(len(keys), -1, -1):
            found = self.lines.get(tuple(keys[:end]))
            if found is not None:
                return found
        return 1


def load_yaml(text: str, path: str | Path, *, error: type[MedlintError] = MedlintError) -> YamlDoc:
    """Parse ``text`` (read from ``path``) into a :class:`YamlDoc`, raising ``error`` on any problem."""
    if len(text) > MAX_BYTES:
        raise error(
            f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; a config or rule file never needs that much",
            path=path,
        )
    if _NOTHING.fullmatch(text):
        return YamlDoc(str(path), None, {})
    import yaml  # only when there is YAML to read: a run on remembered rules may need none

    try:
        _check_depth(text, path, error)
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"invalid YAML: {problem}; fix the syntax", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {_one_line(str(exc))}", path=path) from None
    if node is None:
        return YamlDoc(str(path), None, {})
    converter = _Converter(str(path), error)
    data = converter.convert(node, ())
    return YamlDoc(str(path), data, converter.lines)


def _check_depth(text: str, path: str | Path, error: type[MedlintError]) -> None:
    """Stop at the first collection nested deeper than ``MAX_DEPTH`` (before composing)."""
    import yaml

    opens, closes = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, opens):
            depth += 1
            if depth > MAX_DEPTH:
                raise error(
                    f"YAML nests deeper than {MAX_DEPTH} levels; flatten the file",
                    path=path,
                    line=event.start_mark.line + 1 if event.start_mark else None,
                )
        elif isinstance(event, closes):
            depth -= 1


def _loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _one_line(message: str) -> str:
    """PyYAML messages carry a second "in <unicode string>" line; keep the first."""
    return message.strip().splitlines()[0] if message.strip() else "invalid YAML"


class _Converter:
    """Turns a composed node graph into plain values, counting nodes as it goes."""

    def __init__(self, path: str, error: type[MedlintError]) -> None:
        self.path = path
        self.error = error
        self.lines: dict[KeyPath, int] = {}
        self.budget = MAX_NODES
        import yaml

        self.yaml = yaml
        self.constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, keys: KeyPath) -> Any:
        if len(keys) > MAX_DEPTH:
            raise self.error(
                f"YAML nests deeper than {MAX_DEPTH} levels (an alias that contains itself?); flatten the file",
                path=self.path,
                line=node.start_mark.line + 1,
            )
        self.budget -= 1
        if self.budget < 0:
            raise self.error(
                f"YAML expands to more than {MAX_NODES} values (an alias bomb?); simplify the file",
                path=self.path,
                line=node.start_mark.line + 1,
            )
        self.lines.setdefault(keys, node.start_mark.line + 1)
        if not isinstance(node, self.yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise self.error(
                f"tag {node.tag!r} is not allowed; use plain lists and mappings",
                path=self.path,
                line=node.start_mark.line + 1,
            )
        if isinstance(node, self.yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                if key in result:
                    raise self.error(
                        f"duplicate key {key!r}; keep one", path=self.path, line=key_node.start_mark.line + 1
                    )
                self.lines[(*keys, str(key))] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, (*keys, str(key)))
            return result
        if isinstance(node, self.yaml.SequenceNode):
            return [self.convert(item, (*keys, index)) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, self.yaml.ScalarNode):
            raise self.error("a mapping key must be a plain value", path=self.path, line=node.start_mark.line + 1)
        try:
            return self.constructor.construct_object(node)
        except self.yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or _one_line(str(exc))
            raise self.error(f"invalid value: {problem}", path=self.path, line=node.start_mark.line + 1) from None
