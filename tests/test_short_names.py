"""以下简称: each instrument is named in full on first mention, by its short name after.

The rule enforced, per text unit. The report and the wizard show a rule's texts together (a
finding: requirement, explanation, remediation, evidence, owner), a question's together (label,
help, choices), and likewise a step, a regime's status and scope reason, a determination
outcome, a coverage note; but the order of the units themselves depends on the answers (findings
are sorted by severity). So within each unit, in the order the catalogue file gives its Chinese
texts (the order they are shown): the first mention of an instrument whose short name differs
from its full title is the full title, followed by （以下简称《short》） when the instrument is
mentioned again (inside an existing parenthesis: "，以下简称《short》" before its closing "）");
every later mention is the short name. Headings (rule and step titles, regime names) name no
instrument by its short name: a title stands alone, above the text that introduces it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessment.catalogue import default_catalogue
from assessment.catalogue.loader import QUESTIONNAIRE_FILE, RULES_FILE

HEADINGS = ("title", "name")


def instruments() -> list[tuple[str, str]]:
    """(full title in 《》, short name) for each instrument whose short name is not its title."""
    pairs = []
    for instrument in default_catalogue().instruments:
        match = re.match(r"《[^》]*》", instrument.name.zh)
        if match and instrument.short.zh.startswith("《") and match.group(0) != instrument.short.zh:
            pairs.append((match.group(0), instrument.short.zh))
    return pairs


INSTRUMENTS = instruments()


def zh_texts(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, Chinese text) in file order, nested tables included."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "zh" and isinstance(v, str):
                yield key, v
            elif k != "outcomes":
                yield from zh_texts(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from zh_texts(item, key)


def units() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    for path in (QUESTIONNAIRE_FILE, RULES_FILE):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for section, entries in data.items():
            if section in ("catalogue", "instruments", "conditions") or not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                name = f"{path.name} {section} {entry.get('id', entry.get('kind', index))}"
                yield name, list(zh_texts({k: v for k, v in entry.items() if k != "outcomes"}))
                for n, outcome in enumerate(entry.get("outcomes", [])):
                    yield f"{name} outcome {n + 1}", list(zh_texts(outcome))


UNITS = list(units())


def problems(texts: list[tuple[str, str]]) -> list[str]:
    found = []
    body = [text for key, text in texts if key not in HEADINGS]
    for key, text in texts:
        if key in HEADINGS:
            found += [f"heading names {short}" for _, short in INSTRUMENTS if short in text]
    joined = "\n".join(body)
    for full, short in INSTRUMENTS:
        spots = sorted(
            [(m.start(), "full", m.end()) for m in re.finditer(re.escape(full), joined)]
            + [(m.start(), "short", m.end()) for m in re.finditer(re.escape(short), joined)]
        )
        if not spots:
            continue
        (_, kind, end), later = spots[0], spots[1:]
        if kind == "short":
            found.append(f"{short} before {full}")
            continue
        after = joined[end:]
        introduced = after.startswith(f"（以下简称{short}）") or re.match(
            rf"（[^）]*，以下简称{re.escape(short)}）", after
        )
        if later and not introduced:
            found.append(f"{full} first, mentioned again, without （以下简称{short}）")
        found += [f"{full} again after its first mention" for _, kind, _ in later if kind == "full"]
    return found


def test_the_rule_sees_every_instrument_with_a_short_name() -> None:
    assert {short for _, short in INSTRUMENTS} >= {
        "《办法》",
        "《征求意见稿》",
        "《个人信息保护法》",
        "《人脸识别司法解释》",
    }
    assert len(UNITS) > 250


@pytest.mark.parametrize(("unit", "texts"), UNITS, ids=[name for name, _ in UNITS])
def test_each_instrument_is_named_in_full_then_by_its_short_name(unit: str, texts: list[tuple[str, str]]) -> None:
    assert problems(texts) == [], unit


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([("requirement", "《办法》第八条")], ["《办法》 before 《人脸识别技术应用安全管理办法》"]),
        (
            [("requirement", "《人脸识别技术应用安全管理办法》第八条"), ("explanation", "《办法》第九条")],
            ["《人脸识别技术应用安全管理办法》 first, mentioned again, without （以下简称《办法》）"],
        ),
        ([("requirement", "《人脸识别技术应用安全管理办法》（以下简称《办法》）第八条；《办法》第九条")], []),
        ([("title", "未按《征求意见稿》备案")], ["heading names 《征求意见稿》"]),
    ],
)
def test_the_check_itself(texts: list[tuple[str, str]], expected: list[str]) -> None:
    assert problems(texts) == expected


def test_files_exist() -> None:
    assert Path(RULES_FILE).exists() and Path(QUESTIONNAIRE_FILE).exists()
