"""Reading one table of a catalogue file: unknown keys refused, every error naming file and entry."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .model import Text


class CatalogueError(ValueError):
    """The catalogue data is invalid; the message names the file and the entry."""


class Entry:
    """Reads one table of a file, refusing unknown keys and reporting where it is."""

    def __init__(self, source: str, kind: str, data: Mapping[str, Any], index: int) -> None:
        self.source = source
        self.data = data
        ident = data.get("id", data.get("kind", f"#{index + 1}"))
        self.where = f"{source}: {kind} '{ident}'"

    def fail(self, problem: str) -> CatalogueError:
        return CatalogueError(f"{self.where}: {problem}")

    def check_keys(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required = tuple(required)
        allowed = set(required) | set(optional)
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.fail(f"unknown key(s) {', '.join(unknown)}")
        missing = [key for key in required if key not in self.data]
        if missing:
            raise self.fail(f"missing key(s) {', '.join(missing)}")

    def text(self, key: str) -> Text:
        """A required bilingual text."""
        return self.as_text(self.data.get(key), key)

    def optional_text(self, key: str) -> Text | None:
        value = self.data.get(key)
        return None if value is None else self.as_text(value, key)

    def as_text(self, value: Any, key: str) -> Text:
        if not isinstance(value, dict) or set(value) != {"en", "zh"}:
            raise self.fail(f"'{key}' must have exactly the languages en and zh")
        for language in ("en", "zh"):
            if not isinstance(value[language], str) or not value[language].strip():
                raise self.fail(f"'{key}' is missing its {language} text")
        return Text(en=value["en"].strip(), zh=value["zh"].strip())

    def string_list(self, key: str) -> tuple[str, ...]:
        """An optional list of strings (ids)."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"'{key}' must be a list of ids")
        return tuple(value)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{path.name}: not valid TOML: {error}") from error


def check_top_level(source: str, data: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CatalogueError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")


def check_unique(source: str, kind: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise CatalogueError(f"{source}: duplicate {kind} id '{ident}'")
        seen.add(ident)


def entries(source: str, data: Mapping[str, Any], key: str, kind: str) -> list[Entry]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        raise CatalogueError(f"{source}: '{key}' must be an array of tables")
    return [Entry(source, kind, item, index) for index, item in enumerate(raw)]


def catalogue_version(source: str, data: Mapping[str, Any]) -> str:
    version = data.get("catalogue", {}).get("version")
    if not version or not isinstance(version, str):
        raise CatalogueError(f"{source}: [catalogue] needs a version")
    return version
