"""The regimes come from the catalogue (issue 11): the model's choices, the start page's options and
the regime comparison all read the catalogue's `[[regimes]]`, with its bilingual names."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from assessment.assessments import regimes
from assessment.assessments.models import Assessment
from assessment.catalogue import Catalogue, default_catalogue, load_catalogue
from assessment.catalogue.loader import QUESTIONNAIRE_FILE, RULES_FILE
from assessment.reports.comparison import compared_regimes, regime_comparison_context
from tests.conftest import complete_answers

PROVINCIAL = """
[[regimes]]
id = "provincial-2027"
instrument = "pipl"
name.en = "Provincial rules 2027 (test)"
name.zh = "2027年省级规定（测试）"
status.en = "A regime added to a copy of the catalogue by this test."
status.zh = "本测试在目录副本中新增的规则体系。"
in_force = false
in_scope_if = { q = "sc1_fr_identity", equals = "yes" }
out_of_scope_reason.en = "Out of scope."
out_of_scope_reason.zh = "不在适用范围内。"
"""


@pytest.fixture
def with_a_third_regime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Catalogue:
    """The shipped catalogue with one more regime declared after the two it has."""
    source = RULES_FILE.read_text(encoding="utf-8")
    marker = "# =============================================================================================\n# Rules"
    assert marker in source
    (tmp_path / "rules.toml").write_text(source.replace(marker, PROVINCIAL + "\n" + marker, 1), encoding="utf-8")
    catalogue = load_catalogue(QUESTIONNAIRE_FILE, tmp_path / "rules.toml")
    monkeypatch.setattr(regimes, "default_catalogue", lambda: catalogue)
    return catalogue


def _choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Assessment._meta.get_field("regime").choices]


def test_the_model_offers_the_catalogues_regimes_with_their_names() -> None:
    with translation.override("en"):
        assert _choices() == [(r.id, r.name.en) for r in default_catalogue().regimes]
    with translation.override("zh-hans"):
        assert _choices() == [(r.id, r.name.zh) for r in default_catalogue().regimes]


def test_a_regime_added_to_the_catalogue_is_a_choice_without_a_migration(with_a_third_regime: Catalogue) -> None:
    with translation.override("zh-hans"):
        assert ("provincial-2027", "2027年省级规定（测试）") in _choices()
    Assessment(regime="provincial-2027").clean_fields(exclude=["organisation", "created_by"])
    with pytest.raises(ValidationError):
        Assessment(regime="provincial-2028").clean_fields(exclude=["organisation", "created_by"])


def test_a_new_assessment_defaults_to_the_regime_in_force() -> None:
    in_force = [r.id for r in default_catalogue().regimes if r.in_force]
    assert Assessment().regime == regimes.default_regime() == in_force[0]


@pytest.mark.django_db
def test_the_start_page_lists_every_regime_of_the_catalogue(client: Client, with_a_third_regime: Catalogue) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for regime in with_a_third_regime.regimes:
        assert f'value="{regime.id}"' in page
        assert regime.name.en in page
        assert regime.status.en in page
    assert (
        page.count(" checked") == 1
        and 'value="measures-2025" aria-describedby="regime-measures-2025-status" checked' in page
    )


@pytest.mark.django_db
def test_the_start_page_names_the_regimes_in_chinese(client: Client) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for regime in default_catalogue().regimes:
        assert regime.name.zh in page and regime.name.en not in page


def test_the_comparison_sets_the_regime_in_force_against_the_draft() -> None:
    catalogue = default_catalogue()
    left, right = compared_regimes(catalogue)
    assert left.in_force and not right.in_force
    context = regime_comparison_context(Assessment(answers=complete_answers()), "zh-hans")
    assert (context["measures_name"], context["draft_name"]) == (left.name.zh, right.name.zh)
