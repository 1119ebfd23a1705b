"""Load and validate the catalogue files into frozen dataclasses.

Every mistake in the data fails here, at load time, with a message naming the file and the
entry: unknown keys, unknown ids, duplicate ids, conditions on later questions, unknown
operators or choice codes, missing translations.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from . import conditions as cond
from .model import (
    ANSWER_TYPES,
    INSTRUMENTS,
    SEVERITIES,
    Catalogue,
    Choice,
    Citation,
    Condition,
    Determination,
    Instrument,
    Outcome,
    Question,
    Regime,
    Rule,
    Step,
    Text,
    Topic,
)

DATA_DIR = Path(__file__).parent / "data"
QUESTIONNAIRE_FILE = DATA_DIR / "questionnaire.toml"
RULES_FILE = DATA_DIR / "rules.toml"


class CatalogueError(ValueError):
    """The catalogue data is invalid; the message names the file and the entry."""


class _Entry:
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

    def text(self, key: str, optional: bool = False) -> Text | None:
        value = self.data.get(key)
        if value is None and optional:
            return None
        return self.as_text(value, key)

    def as_text(self, value: Any, key: str) -> Text:
        if not isinstance(value, dict) or set(value) != {"en", "zh"}:
            raise self.fail(f"'{key}' must have exactly the languages en and zh")
        for language in ("en", "zh"):
            if not isinstance(value[language], str) or not value[language].strip():
                raise self.fail(f"'{key}' is missing its {language} text")
        return Text(en=value["en"].strip(), zh=value["zh"].strip())


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{path.name}: not valid TOML: {error}") from error


def _check_top_level(source: str, data: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CatalogueError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")


def _unique(source: str, kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise CatalogueError(f"{source}: duplicate {kind} id '{ident}'")
        seen.add(ident)


# --- questionnaire ----------------------------------------------------------------------------

QUESTION_KEYS = ("id", "step", "topic", "type", "label")
QUESTION_OPTIONAL = (
    "help",
    "choices",
    "required",
    "informational",
    "show_if",
    "max_length",
    "multiline",
    "min_value",
    "max_value",
)


def _question(entry: _Entry, steps: set[str], topics: set[str]) -> Question:
    entry.check_keys(QUESTION_KEYS, QUESTION_OPTIONAL)
    data = entry.data
    if data["type"] not in ANSWER_TYPES:
        raise entry.fail(f"unknown type '{data['type']}' (one of {', '.join(ANSWER_TYPES)})")
    if data["step"] not in steps:
        raise entry.fail(f"unknown step '{data['step']}'")
    if data["topic"] not in topics:
        raise entry.fail(f"unknown topic '{data['topic']}'")
    choices = tuple(_choice(entry, raw) for raw in data.get("choices", []))
    if data["type"] in ("single", "multiple") and not choices:
        raise entry.fail(f"a {data['type']} question needs choices")
    if choices and data["type"] not in ("single", "multiple"):
        raise entry.fail(f"a {data['type']} question takes no choices")
    _unique(entry.where, "choice", [c.code for c in choices])
    if data["type"] == "text" and "max_length" not in data:
        raise entry.fail("a text question needs max_length")
    label = entry.text("label")
    assert label is not None
    return Question(
        id=data["id"],
        step=data["step"],
        topic=data["topic"],
        type=data["type"],
        label=label,
        help=entry.text("help", optional=True),
        choices=choices,
        required=bool(data.get("required", True)),
        informational=bool(data.get("informational", False)),
        show_if=data.get("show_if"),
        max_length=data.get("max_length"),
        multiline=bool(data.get("multiline", False)),
        min_value=data.get("min_value"),
        max_value=data.get("max_value"),
    )


def _choice(entry: _Entry, raw: Any) -> Choice:
    if not isinstance(raw, dict) or set(raw) != {"code", "label"}:
        raise entry.fail(f"a choice must have exactly code and label: {raw!r}")
    return Choice(code=raw["code"], label=entry.as_text(raw["label"], f"choice {raw['code']}"))


def _check_condition(
    entry: _Entry,
    condition: Any,
    known: Mapping[str, Question],
    named: Mapping[str, Condition],
) -> None:
    """Refuse unknown operators, unknown or not-yet-asked questions and unknown codes."""
    if not isinstance(condition, dict) or not condition:
        raise entry.fail(f"a condition must be a non-empty table: {condition!r}")
    if "all" in condition or "any" in condition:
        (key,) = condition if len(condition) == 1 else (None,)
        if key is None or not isinstance(condition[key], list) or not condition[key]:
            raise entry.fail(f"'all'/'any' takes a non-empty list and nothing else: {condition!r}")
        for child in condition[key]:
            _check_condition(entry, child, known, named)
        return
    if "not" in condition:
        if len(condition) != 1:
            raise entry.fail(f"'not' stands alone: {condition!r}")
        _check_condition(entry, condition["not"], known, named)
        return
    if "ref" in condition:
        if len(condition) != 1 or condition["ref"] not in named:
            raise entry.fail(f"unknown named condition {condition.get('ref')!r}")
        return
    _check_leaf(entry, condition, known)


def _check_leaf(entry: _Entry, leaf: Mapping[str, Any], known: Mapping[str, Question]) -> None:
    operators = [key for key in leaf if key != "q"]
    if "q" not in leaf or len(operators) != 1:
        raise entry.fail(f"a condition leaf needs q and exactly one operator: {dict(leaf)!r}")
    operator = operators[0]
    if operator not in cond.OPERATORS and operator != "answered":
        raise entry.fail(f"unknown operator '{operator}'")
    question = known.get(leaf["q"])
    if question is None:
        raise entry.fail(f"condition names unknown or later question '{leaf['q']}'")
    operand = leaf[operator]
    if operator in cond.CODE_OPERATORS:
        codes = operand if isinstance(operand, list) else [operand]
        bad = [c for c in codes if c not in question.choice_codes]
        if bad:
            raise entry.fail(f"'{question.id}' has no choice {', '.join(map(str, bad))}")
    if operator in cond.NUMBER_OPERATORS and question.type != "integer":
        raise entry.fail(f"'{operator}' needs an integer question, '{question.id}' is {question.type}")
    if operator in ("contains", "contains_any", "contains_all") and question.type != "multiple":
        raise entry.fail(f"'{operator}' needs a multiple-choice question, not '{question.id}'")


def _entries(source: str, data: Mapping[str, Any], key: str, kind: str) -> list[_Entry]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        raise CatalogueError(f"{source}: '{key}' must be an array of tables")
    return [_Entry(source, kind, item, index) for index, item in enumerate(raw)]


def _load_questionnaire(path: Path) -> tuple[str, dict[str, Any]]:
    source = path.name
    data = _read(path)
    _check_top_level(source, data, {"catalogue", "topics", "steps", "conditions", "questions"})
    version = data.get("catalogue", {}).get("version")
    if not version:
        raise CatalogueError(f"{source}: [catalogue] needs a version")

    topics = []
    for entry in _entries(source, data, "topics", "topic"):
        entry.check_keys(("id", "name"))
        name = entry.text("name")
        assert name is not None
        topics.append(Topic(id=entry.data["id"], name=name))
    _unique(source, "topic", [t.id for t in topics])

    step_entries = _entries(source, data, "steps", "step")
    for entry in step_entries:
        entry.check_keys(("id", "title"), ("intro", "show_if"))
    _unique(source, "step", [e.data["id"] for e in step_entries])
    step_ids = {e.data["id"] for e in step_entries}

    question_entries = _entries(source, data, "questions", "question")
    _unique(source, "question", [e.data.get("id", "") for e in question_entries])
    questions = [_question(e, step_ids, {t.id for t in topics}) for e in question_entries]
    by_id = {q.id: q for q in questions}

    named = _named_conditions(source, data, by_id)
    _check_order(source, step_entries, question_entries, questions, named)
    steps = [
        Step(
            id=e.data["id"],
            title=e.text("title") or Text("", ""),
            intro=e.text("intro", optional=True),
            show_if=e.data.get("show_if"),
        )
        for e in step_entries
    ]
    return version, {
        "topics": tuple(topics),
        "steps": tuple(steps),
        "questions": tuple(questions),
        "conditions": named,
    }


def _named_conditions(source: str, data: Mapping[str, Any], by_id: Mapping[str, Question]) -> dict[str, Condition]:
    named: dict[str, Condition] = {}
    for entry in _entries(source, data, "conditions", "condition"):
        entry.check_keys(("id", "when"))
        if entry.data["id"] in named:
            raise entry.fail("duplicate condition id")
        # Named conditions may read any question; order is checked where they are used.
        _check_condition(entry, entry.data["when"], by_id, named)
        named[entry.data["id"]] = entry.data["when"]
    return named


def _check_order(
    source: str,
    step_entries: list[_Entry],
    question_entries: list[_Entry],
    questions: list[Question],
    named: Mapping[str, Condition],
) -> None:
    """Conditions may read only questions asked before: earlier steps, or earlier in the step."""
    step_order = [e.data["id"] for e in step_entries]
    questions = sorted(questions, key=lambda q: step_order.index(q.step))
    position = {q.id: index for index, q in enumerate(questions)}
    if [q.id for q in questions] != [e.data["id"] for e in question_entries]:
        raise CatalogueError(f"{source}: questions must be listed in the order of their steps")
    for entry in step_entries:
        condition = entry.data.get("show_if")
        if condition is None:
            continue
        earlier = {q.id: q for q in questions if step_order.index(q.step) < step_order.index(entry.data["id"])}
        _check_condition(entry, condition, earlier, named)
        _check_refs_read_earlier(entry, condition, earlier, named)
    for entry, question in zip(question_entries, questions, strict=True):
        if question.show_if is None:
            continue
        earlier = {q.id: q for q in questions if position[q.id] < position[question.id]}
        _check_condition(entry, question.show_if, earlier, named)
        _check_refs_read_earlier(entry, question.show_if, earlier, named)


def _check_refs_read_earlier(
    entry: _Entry, condition: Condition, earlier: Mapping[str, Question], named: Mapping[str, Condition]
) -> None:
    for question_id in cond.question_ids(condition, named):
        if question_id not in earlier:
            raise entry.fail(f"condition names unknown or later question '{question_id}'")


# --- rules ------------------------------------------------------------------------------------

RULE_KEYS = (
    "id",
    "regimes",
    "topic",
    "severity",
    "fires_if",
    "citations",
    "title",
    "requirement",
    "explanation",
    "remediation",
    "evidence",
)
RULE_OPTIONAL = ("applies_if", "within_regime_scope", "owner")


def _citation(entry: _Entry, raw: Any) -> Citation:
    allowed = {"instrument", "article", "paragraph", "item", "verified", "topic"}
    if not isinstance(raw, dict) or not set(raw) <= allowed or "instrument" not in raw:
        raise entry.fail(f"a citation needs instrument and may have {', '.join(sorted(allowed))}: {raw!r}")
    if raw["instrument"] not in INSTRUMENTS:
        raise entry.fail(f"unknown instrument '{raw['instrument']}'")
    article = raw.get("article")
    verified = raw.get("verified", True)
    if article is None and "topic" not in raw:
        raise entry.fail("a citation without an article number needs a topic to cite it by")
    unverifiable = raw["instrument"] == "draft-2023" and article not in DRAFT_VERIFIED_ARTICLES
    if unverifiable and article is not None and verified:
        raise entry.fail(f"2023 draft Art {article} is not a verified article number")
    for key in ("article", "paragraph", "item"):
        if raw.get(key) is not None and not isinstance(raw[key], int):
            raise entry.fail(f"citation {key} must be an integer")
    return Citation(
        instrument=raw["instrument"],
        article=article,
        paragraph=raw.get("paragraph"),
        item=raw.get("item"),
        verified=bool(verified),
        topic=entry.as_text(raw["topic"], "citation topic") if "topic" in raw else None,
    )


# ../shared/regulation/README.md: only these 2023 draft article numbers are verified.
DRAFT_VERIFIED_ARTICLES = frozenset({1, 2, 3, 4, 5, 8, 9, 15})


def _rule(
    entry: _Entry, regimes: set[str], topics: set[str], known: Mapping[str, Question], named: Mapping[str, Condition]
) -> Rule:
    entry.check_keys(RULE_KEYS, RULE_OPTIONAL)
    data = entry.data
    unknown_regimes = [r for r in data["regimes"] if r not in regimes]
    if not data["regimes"] or unknown_regimes:
        raise entry.fail(f"unknown or missing regime(s) {unknown_regimes}")
    if data["severity"] not in SEVERITIES:
        raise entry.fail(f"unknown severity '{data['severity']}'")
    if data["topic"] not in topics:
        raise entry.fail(f"unknown topic '{data['topic']}'")
    if not data["citations"]:
        raise entry.fail("a rule must cite at least one article")
    _check_condition(entry, data["fires_if"], known, named)
    if "applies_if" in data:
        _check_condition(entry, data["applies_if"], known, named)
    evidence = data["evidence"]
    if not isinstance(evidence, list) or not evidence:
        raise entry.fail("evidence must be a non-empty list")
    texts = {key: entry.text(key) for key in ("title", "requirement", "explanation", "remediation")}
    return Rule(
        id=data["id"],
        regimes=tuple(data["regimes"]),
        topic=data["topic"],
        severity=data["severity"],
        fires_if=data["fires_if"],
        applies_if=data.get("applies_if"),
        within_regime_scope=bool(data.get("within_regime_scope", True)),
        citations=tuple(_citation(entry, raw) for raw in data["citations"]),
        title=texts["title"] or Text("", ""),
        requirement=texts["requirement"] or Text("", ""),
        explanation=texts["explanation"] or Text("", ""),
        remediation=texts["remediation"] or Text("", ""),
        evidence=tuple(entry.as_text(item, "evidence") for item in evidence),
        owner=entry.text("owner", optional=True),
    )


def _outcome(entry: _Entry, raw: Any, known: Mapping[str, Question], named: Mapping[str, Condition]) -> Outcome:
    allowed = {"when", "required", "reason", "authority", "deadline", "retain_years", "citations"}
    allowed |= {"due_date", "due_working_days", "counted_from", "done_if", "overdue_rule"}
    if not isinstance(raw, dict) or not set(raw) <= allowed or "required" not in raw or "reason" not in raw:
        raise entry.fail(f"an outcome needs required and reason and may have {', '.join(sorted(allowed))}")
    if raw.get("when") is not None:
        _check_condition(entry, raw["when"], known, named)
    if raw.get("done_if") is not None:
        _check_condition(entry, raw["done_if"], known, named)
    _check_due(entry, raw, known)
    return Outcome(
        when=raw.get("when"),
        required=bool(raw["required"]),
        reason=entry.as_text(raw["reason"], "reason"),
        authority=entry.as_text(raw["authority"], "authority") if "authority" in raw else None,
        deadline=entry.as_text(raw["deadline"], "deadline") if "deadline" in raw else None,
        retain_years=raw.get("retain_years"),
        citations=tuple(_citation(entry, c) for c in raw.get("citations", [])),
        due_date=raw.get("due_date"),
        due_working_days=raw.get("due_working_days"),
        counted_from=raw.get("counted_from"),
        done_if=raw.get("done_if"),
        overdue_rule=raw.get("overdue_rule"),
    )


def _check_due(entry: _Entry, raw: Mapping[str, Any], known: Mapping[str, Question]) -> None:
    """A deadline as a date is a fixed ISO day, or working days counted from a date question."""
    if "due_date" in raw:
        try:
            datetime.date.fromisoformat(raw["due_date"])
        except (TypeError, ValueError):
            raise entry.fail(f"due_date must be YYYY-MM-DD: {raw['due_date']!r}") from None
        if "due_working_days" in raw or "counted_from" in raw:
            raise entry.fail("an outcome has a fixed due_date or working days counted_from a date, not both")
    if ("due_working_days" in raw) != ("counted_from" in raw):
        raise entry.fail("due_working_days and counted_from go together")
    if "due_working_days" in raw:
        days = raw["due_working_days"]
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise entry.fail(f"due_working_days must be a positive integer: {days!r}")
        question = known.get(raw["counted_from"])
        if question is None or question.type != "date":
            raise entry.fail(f"counted_from must name a date question: {raw['counted_from']!r}")


def _load_rules(path: Path, questionnaire: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    source = path.name
    data = _read(path)
    _check_top_level(source, data, {"catalogue", "instruments", "regimes", "rules", "determinations"})
    version = data.get("catalogue", {}).get("version")
    if not version:
        raise CatalogueError(f"{source}: [catalogue] needs a version")
    known = {q.id: q for q in questionnaire["questions"]}
    named = questionnaire["conditions"]
    topics = {t.id for t in questionnaire["topics"]}

    instruments = []
    for entry in _entries(source, data, "instruments", "instrument"):
        entry.check_keys(("id", "short", "name", "status", "issued"))
        if entry.data["id"] not in INSTRUMENTS:
            raise entry.fail("unknown instrument id")
        texts = {k: entry.text(k) or Text("", "") for k in ("short", "name", "status")}
        instruments.append(Instrument(id=entry.data["id"], issued=entry.data["issued"], **texts))
    _unique(source, "instrument", [i.id for i in instruments])

    regimes = []
    for entry in _entries(source, data, "regimes", "regime"):
        entry.check_keys(("id", "instrument", "name", "status", "in_force", "in_scope_if", "out_of_scope_reason"))
        _check_condition(entry, entry.data["in_scope_if"], known, named)
        regimes.append(
            Regime(
                id=entry.data["id"],
                instrument=entry.data["instrument"],
                name=entry.text("name") or Text("", ""),
                status=entry.text("status") or Text("", ""),
                in_force=bool(entry.data["in_force"]),
                in_scope_if=entry.data["in_scope_if"],
                out_of_scope_reason=entry.text("out_of_scope_reason") or Text("", ""),
            )
        )
    _unique(source, "regime", [r.id for r in regimes])
    regime_ids = {r.id for r in regimes}

    rule_entries = _entries(source, data, "rules", "rule")
    _unique(source, "rule", [e.data.get("id", "") for e in rule_entries])
    rules = [_rule(e, regime_ids, topics, known, named) for e in rule_entries]

    determinations = []
    for entry in _entries(source, data, "determinations", "determination"):
        entry.check_keys(("kind", "regime", "outcomes"))
        if entry.data["kind"] not in ("filing", "impact_assessment") or entry.data["regime"] not in regime_ids:
            raise entry.fail("kind must be filing or impact_assessment, regime a known regime")
        outcomes = tuple(_outcome(entry, raw, known, named) for raw in entry.data["outcomes"])
        if not outcomes or outcomes[-1].when is not None:
            raise entry.fail("the last outcome must have no 'when' (the default)")
        rule_ids = {r.id for r in rules}
        for outcome in outcomes:
            if outcome.overdue_rule is not None and outcome.overdue_rule not in rule_ids:
                raise entry.fail(f"overdue_rule names an unknown rule: {outcome.overdue_rule!r}")
        determinations.append(Determination(kind=entry.data["kind"], regime=entry.data["regime"], outcomes=outcomes))
    return version, {
        "instruments": tuple(instruments),
        "regimes": tuple(regimes),
        "rules": tuple(rules),
        "determinations": tuple(determinations),
    }


def load_catalogue(questionnaire_path: Path = QUESTIONNAIRE_FILE, rules_path: Path | None = RULES_FILE) -> Catalogue:
    """Load, validate and cross-check the questionnaire and (if given) the rules."""
    version, questionnaire = _load_questionnaire(questionnaire_path)
    rules: dict[str, Any] = {}
    rules_version = ""
    if rules_path is not None and rules_path.exists():
        rules_version, rules = _load_rules(rules_path, questionnaire)
        if rules_version != version:
            # One version names the pair, so a report's "catalogue version" means one thing.
            raise CatalogueError(f"{rules_path.name}: version {rules_version} differs from questionnaire {version}")
    return Catalogue(version=version, rules_version=rules_version, **questionnaire, **rules)


@cache
def default_catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    return load_catalogue()
