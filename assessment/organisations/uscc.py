"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check
character over the first 17 (weights 3^i mod 31, alphabet without I, O, S, V, Z)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    return code.strip().upper()


def is_valid(code: str) -> bool:
    code = normalise(code)
    return (
        len(code) == 18
        and all(char in ALPHABET for char in code)
        and code[2:8].isdigit()  # the administrative division code (GB/T 2260)
        and check_character(code[:17]) == code[17]
    )


def validate_uscc(value: str) -> None:
    if value and not is_valid(value):
        raise ValidationError(
            _("Enter a valid 18-character unified social credit code (its last character is a check character)."),
            code="invalid_uscc",
        )
