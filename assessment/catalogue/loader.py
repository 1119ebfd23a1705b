"""Load and validate the catalogue files into frozen dataclasses.

Every mistake in the data fails here, at load time, with a message naming the file and the
entry: unknown keys, unknown ids, duplicate ids, conditions on later questions, unknown
operators or choice codes, missing translations, citations of articles an instrument does not
have (instruments.py). The work is split by file: questionnaire_loader.py and rules_loader.py.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .entry import CatalogueError
from .instruments import DRAFT_UNCERTAIN_PARAGRAPHS, DRAFT_VERIFIED_ARTICLES
from .model import Catalogue
from .questionnaire_loader import Questionnaire, load_questionnaire
from .rules_loader import RuleSet, load_rules

DATA_DIR = Path(__file__).parent / "data"
QUESTIONNAIRE_FILE = DATA_DIR / "questionnaire.toml"
RULES_FILE = DATA_DIR / "rules.toml"

__all__ = [
    "DRAFT_UNCERTAIN_PARAGRAPHS",
    "DRAFT_VERIFIED_ARTICLES",
    "QUESTIONNAIRE_FILE",
    "RULES_FILE",
    "CatalogueError",
    "default_catalogue",
    "load_catalogue",
]


def load_catalogue(questionnaire_path: Path = QUESTIONNAIRE_FILE, rules_path: Path | None = RULES_FILE) -> Catalogue:
    """Load, validate and cross-check the questionnaire and (if given) the rules."""
    questionnaire = load_questionnaire(questionnaire_path)
    if rules_path is None or not rules_path.exists():
        return _catalogue(questionnaire, None)
    rules = load_rules(rules_path, questionnaire)
    if rules.version != questionnaire.version:
        # One version names the pair, so a report's "catalogue version" means one thing.
        raise CatalogueError(
            f"{rules_path.name}: version {rules.version} differs from questionnaire {questionnaire.version}"
        )
    return _catalogue(questionnaire, rules)


def _catalogue(questionnaire: Questionnaire, rules: RuleSet | None) -> Catalogue:
    return Catalogue(
        version=questionnaire.version,
        topics=questionnaire.topics,
        steps=questionnaire.steps,
        questions=questionnaire.questions,
        conditions=questionnaire.conditions,
        rules_version=rules.version if rules else "",
        instruments=rules.instruments if rules else (),
        regimes=rules.regimes if rules else (),
        rules=rules.rules if rules else (),
        determinations=rules.determinations if rules else (),
        coverage=rules.coverage if rules else (),
    )


@cache
def default_catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    return load_catalogue()
