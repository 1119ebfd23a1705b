"""The catalogue as frozen dataclasses: questions, steps, rules, citations and regimes.

Pure data: no Django, no I/O. The loader builds these from the TOML files; everything else
(wizard, engine, report, schema) reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, assert_never, get_args

from .language import is_chinese

LANGUAGES = ("en", "zh")
# The answer types of a question. Code that branches on a question's type matches every one of
# them and ends with `assert_never`, so mypy fails when a type is added and a branch forgotten.
AnswerType = Literal["yes_no", "yes_no_unsure", "single", "multiple", "integer", "date", "text"]
ANSWER_TYPES: tuple[AnswerType, ...] = get_args(AnswerType)
SEVERITIES = ("prohibited", "high", "medium", "low")
YES_NO_CODES = ("yes", "no")
YES_NO_UNSURE_CODES = ("yes", "no", "unsure")

# A condition: the plain nested mapping written in the file, validated (vocabulary: conditions.py).
Condition = dict[str, Any]


@dataclass(frozen=True)
class Text:
    """A string in English and Simplified Chinese."""

    en: str
    zh: str

    def get(self, language: str) -> str:
        """The text in `language` ("en" or "zh"; Django's "zh-hans" also accepted)."""
        return self.zh if is_chinese(language) else self.en


@dataclass(frozen=True)
class Choice:
    code: str
    label: Text


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    topic: str
    type: AnswerType
    label: Text
    help: Text | None = None
    choices: tuple[Choice, ...] = ()
    required: bool = True
    informational: bool = False
    show_if: Condition | None = None
    max_length: int | None = None
    multiline: bool = False
    min_value: int | None = None
    max_value: int | None = None

    @property
    def choice_codes(self) -> tuple[str, ...]:
        match self.type:
            case "yes_no":
                return YES_NO_CODES
            case "yes_no_unsure":
                return YES_NO_UNSURE_CODES
            case "single" | "multiple":
                return tuple(choice.code for choice in self.choices)
            case "integer" | "date" | "text":
                return ()
            case _:
                assert_never(self.type)

    def display_answer(self, value: Any, language: str) -> str:
        """An answer as a reader sees it: choice labels, not codes; numbers with separators."""
        if value is None:
            return ""
        match self.type:
            case "multiple":
                separator = LIST_SEPARATOR.get(language)
                return separator.join(self.choice_label(code, language) for code in value)
            case "yes_no" | "yes_no_unsure" | "single":
                return self.choice_label(value, language)
            case "integer":
                return f"{value:,}" if isinstance(value, int) else str(value)
            case "date" | "text":
                return str(value)
            case _:
                assert_never(self.type)

    def choice_label(self, code: str, language: str) -> str:
        """The label shown for an answer code (yes/no included)."""
        for choice in self.choices:
            if choice.code == code:
                return choice.label.get(language)
        return YES_NO_LABELS[code].get(language) if code in YES_NO_LABELS else code


LIST_SEPARATOR = Text("; ", "；")

YES_NO_LABELS = {"yes": Text("Yes", "是"), "no": Text("No", "否"), "unsure": Text("Unsure", "不确定")}


@dataclass(frozen=True)
class Step:
    id: str
    title: Text
    intro: Text | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class Topic:
    id: str
    name: Text


@dataclass(frozen=True)
class Citation:
    instrument: str
    article: int | None
    paragraph: int | None = None
    item: int | None = None
    verified: bool = True
    topic: Text | None = None  # how to cite when the article number is unknown


@dataclass(frozen=True)
class Article:
    """An article that exists in an instrument, as far as ../shared/regulation/ shows it.

    `paragraphs` and `items` count the paragraphs (款) and numbered items (项) a citation may name;
    `verified` is false where the article number itself is inferred or unknown (2023 draft), and
    `unverified_paragraphs` lists paragraphs whose placement in this article is uncertain.
    """

    n: int
    paragraphs: int = 1
    items: int = 0
    verified: bool = True
    unverified_paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Instrument:
    id: str
    short: Text
    name: Text
    status: Text
    issued: str
    articles: tuple[Article, ...] = ()

    def article(self, number: int) -> Article | None:
        """The article numbered `number`, or None if the instrument has none by that number."""
        return next((a for a in self.articles if a.n == number), None)


@dataclass(frozen=True)
class Regime:
    id: str
    instrument: str
    name: Text
    status: Text
    in_force: bool
    in_scope_if: Condition
    out_of_scope_reason: Text


@dataclass(frozen=True)
class Rule:
    id: str
    regimes: tuple[str, ...]
    topic: str
    severity: str
    fires_if: Condition
    citations: tuple[Citation, ...]
    title: Text
    requirement: Text
    explanation: Text
    remediation: Text
    evidence: tuple[Text, ...]
    applies_if: Condition | None = None
    within_regime_scope: bool = True
    owner: Text | None = None
    # Rules whose finding already covers this rule's gap: when this rule's gap condition holds and
    # one of them fires, the rule is listed as "covered by F<n>", never as met or not applicable.
    covered_by: tuple[str, ...] = ()
    # The legal requirement the rule tests, as a short id shared by every rule on the same
    # requirement (e.g. "legal-basis"); a rule without one is a requirement of its own. No rule is
    # listed as met while a finding on the same requirement stands (tests/test_covered_by.py).
    duty: str = ""
    # The unsure-capable questions whose "unsure" answer this rule reports as "confirm this": a
    # rule that would be met on such an answer is listed as covered by this rule's finding.
    confirms: tuple[str, ...] = ()

    @property
    def requirement_id(self) -> str:
        """The requirement the rule tests: its `duty`, or its own id."""
        return self.duty or self.id


@dataclass(frozen=True)
class Coverage:
    """A topic the 2023 draft gave its own article and the law in force does not (remote
    identification): which rules carry it under the regime, so that the topic never vanishes."""

    topic: str
    regime: str
    replaces: str  # the draft rule whose article the regime lacks
    applies_if: Condition
    rules: tuple[str, ...]
    note: Text


@dataclass(frozen=True)
class Outcome:
    """One case of a determination: the first whose `when` holds is the answer."""

    when: Condition | None
    required: bool
    reason: Text
    authority: Text | None = None
    deadline: Text | None = None
    retain_years: int | None = None
    citations: tuple[Citation, ...] = ()
    # The deadline as a date: a fixed day (`due_date`, "YYYY-MM-DD"), or `due_working_days` on
    # China's official calendar counted from the day after the date answered to `counted_from`.
    due_date: str | None = None
    due_working_days: int | None = None
    counted_from: str | None = None
    # When the duty has been done (e.g. filed): a passed deadline is then not "overdue".
    done_if: Condition | None = None
    # The rule whose finding says since when the duty is overdue.
    overdue_rule: str | None = None


@dataclass(frozen=True)
class Determination:
    kind: str  # "filing" or "impact_assessment"
    regime: str
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Catalogue:
    """The questionnaire and the rules, loaded and cross-checked."""

    version: str
    topics: tuple[Topic, ...]
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    conditions: dict[str, Condition] = field(default_factory=dict)
    instruments: tuple[Instrument, ...] = ()
    regimes: tuple[Regime, ...] = ()
    rules: tuple[Rule, ...] = ()
    determinations: tuple[Determination, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    rules_version: str = ""
    _questions_by_id: dict[str, Question] = field(init=False, repr=False, compare=False)
    _questions_by_step: dict[str, tuple[Question, ...]] = field(init=False, repr=False, compare=False)
    _steps_by_id: dict[str, Step] = field(init=False, repr=False, compare=False)
    _rules_by_regime: dict[str, tuple[Rule, ...]] = field(init=False, repr=False, compare=False)

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def questions_in_step(self, step_id: str) -> tuple[Question, ...]:
        return self._questions_by_step.get(step_id, ())

    def step(self, step_id: str) -> Step:
        return self._steps_by_id[step_id]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def regime(self, regime_id: str) -> Regime:
        return next(r for r in self.regimes if r.id == regime_id)

    def instrument(self, instrument_id: str) -> Instrument:
        return next(i for i in self.instruments if i.id == instrument_id)

    def rules_for(self, regime_id: str) -> tuple[Rule, ...]:
        return self._rules_by_regime.get(regime_id, ())

    @property
    def regime_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.regimes)

    def __post_init__(self) -> None:
        # Frozen: indexes set once (a scan of the tuples cost a tenth of a wizard request's CPU).
        steps = {s: tuple(q for q in self.questions if q.step == s) for s in {q.step for q in self.questions}}
        regimes = {
            r: tuple(x for x in self.rules if r in x.regimes) for r in {r for x in self.rules for r in x.regimes}
        }
        object.__setattr__(self, "_questions_by_id", {q.id: q for q in self.questions})
        object.__setattr__(self, "_questions_by_step", steps)
        object.__setattr__(self, "_steps_by_id", {s.id: s for s in self.steps})
        object.__setattr__(self, "_rules_by_regime", regimes)
