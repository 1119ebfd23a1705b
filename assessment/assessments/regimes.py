"""The regimes an assessment can be scored under, as the catalogue declares them.

The catalogue's `[[regimes]]` are the one list: the model field's choices, the start page's
options and the comparison of the regime in force with the draft all read it here, with the
catalogue's bilingual names.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import lazy

from assessment.catalogue import Catalogue, default_catalogue
from assessment.catalogue.model import Regime
from assessment.i18n import active_language


def _name(regime: Regime) -> str:
    return regime.name.get(active_language())


# Evaluated when shown, so a form built once still names the regime in each request's language.
_lazy_name = lazy(_name, str)


def regime_choices() -> list[tuple[str, Any]]:
    """The model field's choices: each regime of the catalogue, named in the active language."""
    return [(regime.id, _lazy_name(regime)) for regime in default_catalogue().regimes]


def regime_in_force(catalogue: Catalogue | None = None) -> Regime:
    """The regime that is law: the catalogue's first regime in force (the first regime if none is)."""
    regimes = (catalogue or default_catalogue()).regimes
    return next((r for r in regimes if r.in_force), regimes[0])


def default_regime() -> str:
    """A new assessment is scored under the regime in force unless the user picks another."""
    return regime_in_force().id


def regime_options(language: str, selected: str | None = None) -> list[dict[str, Any]]:
    """The start page's options: id, name and status in `language`, the regime in force preselected."""
    selected = selected or default_regime()
    return [
        {
            "id": regime.id,
            "name": regime.name.get(language),
            "status": regime.status.get(language),
            "checked": regime.id == selected,
        }
        for regime in default_catalogue().regimes
    ]
