"""The scoring engine: pure Python, no Django. `score(catalogue, regime, answers) -> Result`."""

from .engine import UnknownRegime, score
from .result import RATINGS, SEVERITY_ORDER, Finding, Result

__all__ = ["RATINGS", "SEVERITY_ORDER", "Finding", "Result", "UnknownRegime", "score"]
