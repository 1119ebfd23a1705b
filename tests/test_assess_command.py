"""`manage.py assess`: scoring an answers document without the web app, and refusing bad ones."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from assessment.catalogue import default_catalogue
from assessment.catalogue.validate import validate_answers
from assessment.scoring import score
from assessment.scoring.serialise import result_to_json
from tests.test_report_context import gap_answers
from tests.test_scenarios import scenario_answers

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, document: Any, raw: str | None = None) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(raw if raw is not None else json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def assess(*args: str) -> str:
    out = io.StringIO()
    call_command("assess", *args, stdout=out)
    return out.getvalue()


def test_json_output_is_the_engines_deterministic_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = gap_answers()
    path = write(tmp_path, answers)
    call_command("assess", str(path), "--regime", "draft-2023", "--as-of", "2026-03-02")
    printed = capsys.readouterr().out
    expected = result_to_json(
        default_catalogue(), score(default_catalogue(), "draft-2023", answers, as_of=datetime.date(2026, 3, 2))
    )
    assert printed == expected + "\n"
    call_command("assess", str(path), "--regime", "draft-2023", "--as-of", "2026-03-02")
    assert capsys.readouterr().out == printed, "the same answers give the same bytes"
    assert json.loads(printed)["regime"] == "draft-2023"


def test_json_filing_carries_deadline_as_of_and_overdue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = {
        **scenario_answers("well-run-gym-member-entry"),
        "fl1_people_stored": 150_000,
        "fl_reached_when": "on_or_after_2025_06_01",
        "fl_reached_date": "2025-09-15",
        "fl2_filed": "no",
        "fl3_draft_filed": "no",
        "fl8_operating_procedures": "yes",
    }
    path = write(tmp_path, answers)
    call_command("assess", str(path), "--as-of", "2026-01-10")
    document = json.loads(capsys.readouterr().out)
    filing = document["filing"]
    # 30 working days counted from 16 September 2025: 12 to 30 September (Sunday 28 September
    # worked), none in the National Day holiday of 1-8 October, then 18 more from 9 October
    # (Saturday 11 October worked): Friday 31 October 2025.
    assert filing["deadline"] == "2025-10-31" and filing["deadline_estimated"] is False
    assert filing["as_of"] == "2026-01-10" and filing["overdue"] is True
    assert filing["triggered_on"] == "2025-09-15"
    finding = next(f for f in document["findings"] if f["rule"] == "m25-filing")
    assert finding["severity"] == "high" and finding["note"].startswith("Overdue since 2025-11-01")


def test_as_of_must_be_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, gap_answers())
    with pytest.raises(CommandError):
        call_command("assess", str(path), "--as-of", "yesterday")


def test_text_output_is_a_readable_summary_with_citations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = gap_answers()
    call_command("assess", str(write(tmp_path, answers)), "--format", "text")
    text = capsys.readouterr().out
    result = score(default_catalogue(), "measures-2025", answers)
    assert "Overall rating: " in text and f"[{result.rating}]" in text
    assert "Filing with the cyberspace administration: Required" in text
    assert "Measures Art" in text and f"F{len(result.findings)} [" in text


def test_text_output_in_chinese_to_a_file(tmp_path: Path) -> None:
    output = tmp_path / "summary.txt"
    call_command(
        "assess", str(write(tmp_path, gap_answers())), "--format", "text", "--lang", "zh-hans", "--output", str(output)
    )
    assert "《办法》" in output.read_text(encoding="utf-8")


def test_pdf_output_is_the_same_report_as_the_web(tmp_path: Path) -> None:
    output = tmp_path / "report.pdf"
    answers = scenario_answers("hotel-guest-room-devices")
    call_command(
        "assess", str(write(tmp_path, answers)), "--format", "pdf", "--lang", "zh-hans", "--output", str(output)
    )
    reader = PdfReader(output)
    assert len(reader.pages) > 3
    assert answers["org_name"] in str(reader.metadata.title if reader.metadata else "")


def test_pdf_output_needs_a_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--output"):
        call_command("assess", str(write(tmp_path, gap_answers())), "--format", "pdf")


INVALID = [
    ("not JSON", None, "{not json", "not valid JSON"),
    ("not an object", ["org_name"], None, "must be a JSON object"),
    ("unknown question", {"no_such_question": "yes"}, None, "'no_such_question': unknown question id"),
    ("wrong type", {"fl1_people_stored": "150000"}, None, "'fl1_people_stored'"),
    ("not among the choices", {"sc1_fr_identity": "maybe"}, None, "'maybe' is not among the choices (yes, no)"),
    ("unknown choice in a list", {"se1_controls": ["encryption", "magic"]}, None, "'magic' not among the choices"),
    ("text too long", {"org_name": "x" * 201}, None, "more than the 200 allowed"),
    ("bad date", {"ia1_pia_date": "2025-02-30"}, None, "'2025-02-30' is not a calendar date"),
    ("date in the wrong form", {"ia1_pia_date": "30/01/2025"}, None, "expected a date as YYYY-MM-DD"),
    ("true for a number", {"fl1_people_stored": True}, None, "expected a whole number, got true/false"),
]


@pytest.mark.parametrize(("case", "document", "raw", "message"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_answers_exit_non_zero_naming_the_question_and_the_problem(
    tmp_path: Path, case: str, document: Any, raw: str | None, message: str
) -> None:
    with pytest.raises(CommandError) as error:
        assess(str(write(tmp_path, document, raw)))
    assert message in str(error.value)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read the file"):
        assess(str(tmp_path / "missing.json"))


def test_validation_reports_every_problem_at_once() -> None:
    problems = validate_answers(default_catalogue(), {"sc1_fr_identity": "maybe", "nope": 1, "org_name": 7})
    assert len(problems) == 3
    assert validate_answers(default_catalogue(), gap_answers()) == []


def test_from_the_shell_invalid_answers_exit_non_zero(tmp_path: Path) -> None:
    path = write(tmp_path, {"sc1_fr_identity": "maybe"})
    done = subprocess.run(
        [sys.executable, "manage.py", "assess", str(path)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode != 0
    assert "'sc1_fr_identity'" in done.stderr and "'maybe' is not among the choices" in done.stderr
    assert done.stdout == ""
