"""The JSON Schema of the answers document (question id -> value), made from the questionnaire."""

from __future__ import annotations

import json
from typing import Any, assert_never

from .model import Catalogue, Question

SCHEMA_PATH = "docs/answers.schema.json"


def _value_schema(question: Question) -> dict[str, Any]:
    match question.type:
        case "yes_no" | "yes_no_unsure" | "single":
            return {"type": "string", "enum": list(question.choice_codes)}
        case "multiple":
            codes = list(question.choice_codes)
            return {"type": "array", "items": {"type": "string", "enum": codes}, "uniqueItems": True}
        case "integer":
            return _integer_schema(question)
        case "date":
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        case "text":
            return {"type": "string", "maxLength": question.max_length}
        case _:
            assert_never(question.type)


def _integer_schema(question: Question) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"}
    if question.min_value is not None:
        schema["minimum"] = question.min_value
    if question.max_value is not None:
        schema["maximum"] = question.max_value
    return schema


def answers_schema(catalogue: Catalogue) -> dict[str, Any]:
    """A draft 2020-12 JSON Schema; titles and descriptions in English and Chinese."""
    properties = {}
    for question in catalogue.questions:
        prop = {"title": question.label.en, "description": question.label.zh, **_value_schema(question)}
        properties[question.id] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:frt-assess:answers:{catalogue.version}",
        "title": "Facial recognition self-assessment answers",
        "description": "Question id -> answer. Questions that do not apply are left out.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def answers_schema_json(catalogue: Catalogue) -> str:
    """The schema as committed: stable key order, UTF-8, trailing newline."""
    return json.dumps(answers_schema(catalogue), ensure_ascii=False, indent=2) + "\n"
