"""The questionnaire and rules catalogue: versioned data and a strict loader. Pure Python."""

from .loader import CatalogueError, default_catalogue, load_catalogue
from .model import Catalogue, Question, Rule, Step, Text

__all__ = ["Catalogue", "CatalogueError", "Question", "Rule", "Step", "Text", "default_catalogue", "load_catalogue"]
