"""Load rules.toml: instruments (with their articles), regimes, rules and determinations."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import check_condition
from .conditions import question_ids
from .entry import Entry, catalogue_version, check_top_level, check_unique, entries, read_toml
from .instruments import citation, instrument
from .model import SEVERITIES, Condition, Coverage, Determination, Instrument, Outcome, Question, Regime, Rule
from .questionnaire_loader import Questionnaire

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
RULE_OPTIONAL = ("applies_if", "within_regime_scope", "owner", "covered_by", "duty", "confirms")
COVERAGE_KEYS = ("topic", "regime", "replaces", "applies_if", "rules", "note")
UNSURE = "unsure"
REGIME_KEYS = ("id", "instrument", "name", "status", "in_force", "in_scope_if", "out_of_scope_reason")
OUTCOME_KEYS = frozenset(
    {"when", "required", "reason", "authority", "deadline", "retain_years", "citations"}
    | {"due_date", "due_working_days", "counted_from", "done_if", "overdue_rule"}
)


@dataclass(frozen=True)
class RuleSet:
    version: str
    instruments: tuple[Instrument, ...]
    regimes: tuple[Regime, ...]
    rules: tuple[Rule, ...]
    determinations: tuple[Determination, ...]
    coverage: tuple[Coverage, ...] = ()


@dataclass(frozen=True)
class _Context:
    """What a rule's conditions and citations are checked against."""

    known: Mapping[str, Question]
    named: Mapping[str, Condition]
    topics: frozenset[str]
    instruments: Mapping[str, Instrument]
    regimes: frozenset[str]
    rule_ids: frozenset[str] = frozenset()


def load_rules(path: Path, questionnaire: Questionnaire) -> RuleSet:
    source = path.name
    data = read_toml(path)
    check_top_level(source, data, {"catalogue", "instruments", "regimes", "rules", "determinations", "coverage"})
    version = catalogue_version(source, data)
    instruments = tuple(instrument(e) for e in entries(source, data, "instruments", "instrument"))
    check_unique(source, "instrument", [i.id for i in instruments])
    known = {q.id: q for q in questionnaire.questions}
    by_id = {i.id: i for i in instruments}
    regimes = tuple(
        _regime(e, known, questionnaire.conditions, by_id) for e in entries(source, data, "regimes", "regime")
    )
    check_unique(source, "regime", [r.id for r in regimes])
    context = _Context(
        known=known,
        named=questionnaire.conditions,
        topics=frozenset(t.id for t in questionnaire.topics),
        instruments=by_id,
        regimes=frozenset(r.id for r in regimes),
    )
    rule_entries = entries(source, data, "rules", "rule")
    check_unique(source, "rule", [e.data.get("id", "") for e in rule_entries])
    rules = tuple(_rule(e, context) for e in rule_entries)
    for entry, rule in zip(rule_entries, rules, strict=True):
        _check_covered_by(entry, rule, {r.id: r for r in rules})
    context = dataclasses.replace(context, rule_ids=frozenset(r.id for r in rules))
    determinations = tuple(_determination(e, context) for e in entries(source, data, "determinations", "determination"))
    _check_unsure_confirmed(rule_entries, rules, regimes, known, questionnaire.conditions)
    by_rule = {r.id: r for r in rules}
    coverage = tuple(_coverage(e, context, by_rule) for e in entries(source, data, "coverage", "coverage"))
    return RuleSet(version, instruments, regimes, rules, determinations, coverage)


def _regime(
    entry: Entry, known: Mapping[str, Question], named: Mapping[str, Condition], instruments: Mapping[str, Instrument]
) -> Regime:
    entry.check_keys(REGIME_KEYS)
    if entry.data["instrument"] not in instruments:
        raise entry.fail(f"unknown instrument '{entry.data['instrument']}'")
    check_condition(entry, entry.data["in_scope_if"], known, named)
    return Regime(
        id=entry.data["id"],
        instrument=entry.data["instrument"],
        name=entry.text("name"),
        status=entry.text("status"),
        in_force=bool(entry.data["in_force"]),
        in_scope_if=entry.data["in_scope_if"],
        out_of_scope_reason=entry.text("out_of_scope_reason"),
    )


def _rule(entry: Entry, context: _Context) -> Rule:
    entry.check_keys(RULE_KEYS, RULE_OPTIONAL)
    data = entry.data
    unknown_regimes = [r for r in data["regimes"] if r not in context.regimes]
    if not data["regimes"] or unknown_regimes:
        raise entry.fail(f"unknown or missing regime(s) {unknown_regimes}")
    if data["severity"] not in SEVERITIES:
        raise entry.fail(f"unknown severity '{data['severity']}'")
    if data["topic"] not in context.topics:
        raise entry.fail(f"unknown topic '{data['topic']}'")
    if not data["citations"]:
        raise entry.fail("a rule must cite at least one article")
    check_condition(entry, data["fires_if"], context.known, context.named)
    if "applies_if" in data:
        check_condition(entry, data["applies_if"], context.known, context.named)
    evidence = data["evidence"]
    if not isinstance(evidence, list) or not evidence:
        raise entry.fail("evidence must be a non-empty list")
    return Rule(
        id=data["id"],
        regimes=tuple(data["regimes"]),
        topic=data["topic"],
        severity=data["severity"],
        fires_if=data["fires_if"],
        applies_if=data.get("applies_if"),
        within_regime_scope=bool(data.get("within_regime_scope", True)),
        citations=tuple(citation(entry, raw, context.instruments) for raw in data["citations"]),
        title=entry.text("title"),
        requirement=entry.text("requirement"),
        explanation=entry.text("explanation"),
        remediation=entry.text("remediation"),
        evidence=tuple(entry.as_text(item, "evidence") for item in evidence),
        owner=entry.optional_text("owner"),
        covered_by=entry.string_list("covered_by"),
        duty=_duty(entry),
        confirms=_confirms(entry, context.known, context.named),
    )


def _duty(entry: Entry) -> str:
    duty = entry.data.get("duty", "")
    if not isinstance(duty, str):
        raise entry.fail("'duty' must be a short id naming the requirement")
    return duty


def _confirms(entry: Entry, known: Mapping[str, Question], named: Mapping[str, Condition]) -> tuple[str, ...]:
    """Questions whose "unsure" this rule reports; its gap condition must read each of them."""
    confirms = entry.string_list("confirms")
    read = question_ids(entry.data["fires_if"], named)
    for question_id in confirms:
        question = known.get(question_id)
        if question is None or UNSURE not in question.choice_codes:
            raise entry.fail(f"confirms names {question_id!r}, which is not a question with an unsure answer")
        if question_id not in read:
            raise entry.fail(f"confirms {question_id!r} but its fires_if does not read it")
    return confirms


def _check_unsure_confirmed(
    rule_entries: list[Entry],
    rules: tuple[Rule, ...],
    regimes: tuple[Regime, ...],
    known: Mapping[str, Question],
    named: Mapping[str, Condition],
) -> None:
    """Every question with an unsure answer that a regime's rules read has a confirm rule there.

    So "unsure" is never silently a pass or a gap: it is its own "confirm this" finding.
    """
    for regime in regimes:
        regime_rules = [r for r in rules if regime.id in r.regimes]
        read: dict[str, str] = {}
        for rule in regime_rules:
            for condition in (rule.fires_if, rule.applies_if):
                for question_id in question_ids(condition, named) if condition else ():
                    read.setdefault(question_id, rule.id)
        confirmed = {q for rule in regime_rules for q in rule.confirms}
        for question_id, rule_id in read.items():
            if UNSURE in known[question_id].choice_codes and question_id not in confirmed:
                entry = next(e for e in rule_entries if e.data.get("id") == rule_id)
                raise entry.fail(
                    f"reads {question_id!r}, which may be answered unsure, but no rule of {regime.id} confirms it"
                )


def _coverage(entry: Entry, context: _Context, by_rule: Mapping[str, Rule]) -> Coverage:
    """A draft topic carried, under a regime without an article of its own, by the rules listed."""
    entry.check_keys(COVERAGE_KEYS)
    data = entry.data
    if data["topic"] not in context.topics or data["regime"] not in context.regimes:
        raise entry.fail("coverage needs a known topic and regime")
    replaced = by_rule.get(data["replaces"])
    if replaced is None or data["regime"] in replaced.regimes:
        raise entry.fail(f"replaces must name a rule not scored under {data['regime']}: {data['replaces']!r}")
    rules = entry.string_list("rules")
    for rule_id in rules:
        rule = by_rule.get(rule_id)
        if rule is None or data["regime"] not in rule.regimes:
            raise entry.fail(f"coverage rule {rule_id!r} is not a rule of {data['regime']}")
    if not rules:
        raise entry.fail("coverage lists no rules")
    check_condition(entry, data["applies_if"], context.known, context.named)
    return Coverage(
        topic=data["topic"],
        regime=data["regime"],
        replaces=data["replaces"],
        applies_if=data["applies_if"],
        rules=rules,
        note=entry.text("note"),
    )


def _check_covered_by(entry: Entry, rule: Rule, by_id: Mapping[str, Rule]) -> None:
    """A covering rule exists, shares a regime with the rule and is not itself covered (no chains)."""
    for other_id in rule.covered_by:
        other = by_id.get(other_id)
        if other is None or other_id == rule.id:
            raise entry.fail(f"covered_by names unknown rule '{other_id}'")
        if not set(other.regimes) & set(rule.regimes):
            raise entry.fail(f"covered_by rule '{other_id}' shares no regime with this rule")
        if other.covered_by:
            raise entry.fail(f"covered_by rule '{other_id}' is itself covered by another rule: name that one")


def _determination(entry: Entry, context: _Context) -> Determination:
    entry.check_keys(("kind", "regime", "outcomes"))
    if entry.data["kind"] not in ("filing", "impact_assessment") or entry.data["regime"] not in context.regimes:
        raise entry.fail("kind must be filing or impact_assessment, regime a known regime")
    outcomes = tuple(_outcome(entry, raw, context) for raw in entry.data["outcomes"])
    if not outcomes or outcomes[-1].when is not None:
        raise entry.fail("the last outcome must have no 'when' (the default)")
    for outcome in outcomes:
        if outcome.overdue_rule is not None and outcome.overdue_rule not in context.rule_ids:
            raise entry.fail(f"overdue_rule names an unknown rule: {outcome.overdue_rule!r}")
    return Determination(kind=entry.data["kind"], regime=entry.data["regime"], outcomes=outcomes)


def _outcome(entry: Entry, raw: Any, context: _Context) -> Outcome:
    if not isinstance(raw, dict) or not set(raw) <= OUTCOME_KEYS or "required" not in raw or "reason" not in raw:
        raise entry.fail(f"an outcome needs required and reason and may have {', '.join(sorted(OUTCOME_KEYS))}")
    for key in ("when", "done_if"):
        if raw.get(key) is not None:
            check_condition(entry, raw[key], context.known, context.named)
    check_due(entry, raw, context.known)
    return Outcome(
        when=raw.get("when"),
        required=bool(raw["required"]),
        reason=entry.as_text(raw["reason"], "reason"),
        authority=entry.as_text(raw["authority"], "authority") if "authority" in raw else None,
        deadline=entry.as_text(raw["deadline"], "deadline") if "deadline" in raw else None,
        retain_years=raw.get("retain_years"),
        citations=tuple(citation(entry, c, context.instruments) for c in raw.get("citations", [])),
        due_date=raw.get("due_date"),
        due_working_days=raw.get("due_working_days"),
        counted_from=raw.get("counted_from"),
        done_if=raw.get("done_if"),
        overdue_rule=raw.get("overdue_rule"),
    )


def check_due(entry: Entry, raw: Mapping[str, Any], known: Mapping[str, Question]) -> None:
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
