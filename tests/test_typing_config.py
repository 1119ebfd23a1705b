"""mypy checks all of assessment/ and silences nothing of ours (issue 11): the only relaxed sections
are third-party packages without type stubs."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SILENCING = {"ignore_errors", "disable_error_code", "ignore_missing_imports", "follow_imports"}
STRICT = "mypy-assessment.catalogue.*,assessment.scoring.*"


def _config() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "mypy.ini", encoding="utf-8")
    return config


def test_mypy_checks_the_whole_package_with_the_django_plugin() -> None:
    main = _config()["mypy"]
    assert main["files"].strip() == "assessment"
    assert "mypy_django_plugin.main" in main["plugins"]
    assert not SILENCING & set(main)


def test_the_pure_packages_are_strict() -> None:
    strict = _config()[STRICT]
    for option in ("disallow_untyped_defs", "disallow_any_generics", "warn_return_any", "strict_equality"):
        assert strict.getboolean(option), option


def test_only_third_party_packages_without_stubs_are_relaxed() -> None:
    config = _config()
    for section in config.sections():
        if not section.startswith("mypy-"):
            continue
        modules = section.removeprefix("mypy-").split(",")
        relaxed = SILENCING & set(config[section])
        if any(module.startswith("assessment") for module in modules):
            assert not relaxed, f"[{section}] silences our own code: {relaxed}"
        else:
            assert relaxed <= {"ignore_missing_imports"}, f"[{section}] relaxes more than missing stubs"
