"""The report context: one builder whose output the page, the PDF and the exports all render."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from assessment.assessments.models import Assessment
from assessment.catalogue import default_catalogue
from assessment.reports.bilingual import Passages
from assessment.reports.context import build_edition_context, build_report_context
from assessment.scoring import SEVERITY_ORDER, score
from assessment.scoring.citations import format_citation
from tests.conftest import complete_answers

INJECTION = "Acme <script>alert(1)</script></style><style>body{display:none}</style> 华夏零售"


def gap_answers(**overrides: Any) -> dict[str, Any]:
    """A whole questionnaire answered plainly ("no" to every yes/no question): many gaps, as a careless
    retailer storing 150,000 people's faces in public places would show."""
    overrides = {
        "org_name": "Huaxia Retail Ltd 华夏零售",
        "scenario_name": "Store entrance 门店入口",
        "sc1_fr_identity": "yes",
        "fl1_people_stored": 150_000,
        "pl1_public_place": "yes",
        "bp_business_premises": "yes",
        **overrides,
    }
    return complete_answers(**overrides)


def unsaved(answers: dict[str, Any], regime: str = "measures-2025") -> Assessment:
    return Assessment(answers=answers, regime=regime)


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    return build_report_context(unsaved(gap_answers()), "measures-2025", "en")


def test_a_careless_retailer_has_many_findings_grouped_by_topic_most_severe_first(english: dict[str, Any]) -> None:
    findings = english["findings"]
    assert len(findings) >= 20
    assert [f["number"] for f in findings] == [f"F{i}" for i in range(1, len(findings) + 1)]
    topics = [group["topic"] for group in english["topics"]]
    assert len(topics) == len(set(topics)), "each topic appears once"
    worst = [SEVERITY_ORDER.index(group["findings"][0]["severity"]) for group in english["topics"]]
    assert worst == sorted(worst), "the topic with the worst finding comes first"
    for group in english["topics"]:
        ranks = [SEVERITY_ORDER.index(f["severity"]) for f in group["findings"]]
        assert ranks == sorted(ranks)


def test_every_finding_is_cited_in_words_and_quotes_the_answers_behind_it(english: dict[str, Any]) -> None:
    catalogue = default_catalogue()
    result = score(catalogue, "measures-2025", gap_answers())
    by_rule = {f.rule.id: f for f in result.findings}
    for finding in english["findings"]:
        engine = by_rule[finding["rule"]]
        assert finding["citations"] == [format_citation(catalogue, c, "en") for c in engine.citations]
        assert finding["requirement"] and finding["remediation"] and finding["evidence"]
        quoted = {q["question"] for q in finding["triggered_by"]}
        assert quoted == {catalogue.question(qid).label.en for qid, _ in engine.triggered_by}


def test_the_action_plan_gives_owners_and_time_frames_by_severity(english: dict[str, Any]) -> None:
    actions = english["actions"]
    assert [a["priority"] for a in actions] == list(range(1, len(actions) + 1))
    ranks = [SEVERITY_ORDER.index(a["severity"]) for a in actions]
    assert ranks == sorted(ranks), "most severe first"
    expected = {
        "prohibited": "Stop now",
        "high": "Within 30 days",
        "medium": "Within 90 days",
        "low": "When convenient",
    }
    for action in actions:
        assert action["owner"]
        finding = next(f for f in english["findings"] if f["number"] == action["finding_number"])
        if finding["topic"] == "filing":
            assert action["time_frame"] == english["filing"]["deadline"], "filing gets its legal deadline"
        else:
            assert action["time_frame"] == expected[action["severity"]]
    assert english["urgent_actions"] == actions[:3]


def test_filing_is_required_above_100000_people_and_the_summary_says_where_and_by_when(english: dict[str, Any]) -> None:
    filing = english["filing"]
    assert filing["required"] and filing["authority"] and filing["deadline"] and filing["reason"]
    assert english["impact_assessment"]["retain_years"] == 3
    assert sum(c["count"] for c in english["counts"]) == len(english["findings"])


def test_the_cover_names_the_regime_and_its_status(english: dict[str, Any]) -> None:
    cover = english["cover"]
    assert cover["organisation"] == "Huaxia Retail Ltd 华夏零售"
    assert cover["regime_in_force"] is True
    draft = build_report_context(unsaved(gap_answers(), "draft-2023"), "draft-2023", "en")["cover"]
    assert draft["regime_in_force"] is False
    assert draft["regime_status"] != cover["regime_status"]


def test_the_answers_appendix_lists_every_question_asked_with_its_answer_label(english: dict[str, Any]) -> None:
    rows = {row["question"]: row["answer"] for s in english["answer_sections"] for row in s["answers"]}
    answers = gap_answers()
    assert set(rows) == set(answers)
    assert rows["sc1_fr_identity"] == "Yes"
    assert rows["fl1_people_stored"] == "150,000"


def test_met_and_not_applicable_rules_complete_the_rule_set(english: dict[str, Any]) -> None:
    not_applicable = [rule for group in english["not_applicable"] for rule in group["rules"]]
    checked = len(english["findings"]) + len(english["met"]) + len(not_applicable) + len(english["covered"])
    assert checked == len(default_catalogue().rules_for("measures-2025"))
    assert all(group["reason"] and group["rules"] for group in english["not_applicable"])
    assert all(rule["requirement"] and rule["citations"] for rule in english["met"] + not_applicable)


def test_rules_out_of_the_regimes_scope_share_one_stated_reason() -> None:
    answers = gap_answers(sc1_fr_identity="no", sc3_face_analysis="yes")
    context = build_report_context(unsaved(answers), "measures-2025", "en")
    assert not context["applicable"] and context["scope_note"]
    reasons = [group["reason"] for group in context["not_applicable"]]
    assert len(reasons) == len({(g["reason"], str(g["gate"])) for g in context["not_applicable"]})
    assert context["scope_note"] in reasons


def test_an_unverified_draft_article_number_is_never_shown() -> None:
    catalogue = default_catalogue()
    context = build_report_context(unsaved(gap_answers(), "draft-2023"), "draft-2023", "en")
    unverified = [
        c
        for r in catalogue.rules_for("draft-2023")
        for c in r.citations
        if c.instrument == "draft-2023" and not c.verified
    ]
    assert unverified, "the draft has unverified article numbers to hide"
    shown = [c for f in context["findings"] for c in f["citations"] if c.startswith("2023 draft")]
    for citation in shown:
        article = citation.removeprefix("2023 draft").strip()
        assert "unverified" in citation or article.split("(")[0].split("¶")[0].strip() in {
            f"Art {n}" for n in (1, 2, 3, 4, 5, 8, 9, 15)
        }


def test_an_unfinished_assessment_says_which_questions_are_missing() -> None:
    answers = gap_answers()
    answers.pop("cn1_legal_basis")
    context = build_report_context(unsaved(answers), "measures-2025", "en")
    assert "cn1_legal_basis" in [m["question"] for m in context["missing"]]
    assert all(m["label"] and m["step_title"] for m in context["missing"])


def test_the_chinese_context_is_in_chinese() -> None:
    chinese = build_report_context(unsaved(gap_answers()), "measures-2025", "zh-hans")
    assert chinese["lang"] == "zh-Hans"
    assert chinese["findings"][0]["citations"][0].startswith("《")
    assert chinese["cover"]["assessed_on"].endswith("日")


def test_the_bilingual_edition_pairs_english_and_chinese_passage_by_passage() -> None:
    context = build_edition_context(unsaved(gap_answers()), "measures-2025", "bilingual")
    title = context["findings"][0]["title"]
    assert isinstance(title, Passages)
    assert [p.lang for p in title] == ["en", "zh-Hans"]
    html = str(title)
    assert html.startswith('<span class="passage" lang="en">') and 'lang="zh-Hans"' in html
    assert context["cover"]["organisation"] == "Huaxia Retail Ltd 华夏零售", "identical text stays single"
    assert context["lang"] == "en" and context["edition"] == "bilingual"
    assert all(isinstance(value, str) for value in context["running"].values())


def test_passages_escape_what_users_typed() -> None:
    context = build_edition_context(unsaved(gap_answers(org_name=INJECTION)), "measures-2025", "bilingual")
    running = context["running"]["organisation"]
    assert running.startswith(INJECTION), "plain text, escaped by the template when printed"
    labels = context["labels"]["report"]
    assert "<script>" not in str(labels)


@pytest.mark.parametrize(("language", "overdue_words"), [("en", "Overdue"), ("zh-hans", "已逾期")])
def test_the_report_dates_the_filing_from_the_assessment_and_says_it_is_overdue(
    language: str, overdue_words: str
) -> None:
    from tests.test_scenarios import scenario_answers

    answers = scenario_answers("overdue-filing-national-day")
    # Completed on the evening of 9 January 2026 UTC: already 10 January in Asia/Shanghai.
    completed = datetime.datetime(2026, 1, 9, 20, 0, tzinfo=datetime.UTC)
    assessment = Assessment(answers=answers, regime="measures-2025", completed_at=completed)
    context = build_report_context(assessment, "measures-2025", language)
    assert timezone.localdate(completed) == datetime.date(2026, 1, 10)
    filing = context["filing"]
    assert filing["overdue"] and overdue_words in filing["overdue_note"]
    assert "2025" in filing["deadline"] and "31" in filing["deadline"]
    finding = next(f for f in context["findings"] if f["rule"] == "m25-filing")
    assert overdue_words in finding["note"] and "2025" in finding["note"]


# One serialisation (issue 11): the report context is built from `result_to_dict`, the document the
# JSON export and `manage.py assess --format json` write, so the three agree field by field.

COMPLETED = datetime.datetime(2026, 1, 9, 20, 0, tzinfo=datetime.UTC)  # 10 January 2026 in Shanghai


def _stored(answers: dict[str, Any]) -> Assessment:
    return Assessment.objects.create(answers=answers, status="complete", completed_at=COMPLETED)


def _cli_json(tmp_path: Any, answers: dict[str, Any], language: str) -> dict[str, Any]:
    import io
    import json

    from django.core.management import call_command

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("assess", str(path), "--lang", language, "--as-of", "2026-01-10", stdout=out)
    return dict(json.loads(out.getvalue()))


def _scenarios() -> list[dict[str, Any]]:
    from tests.test_scenarios import scenario_answers

    return [gap_answers(), scenario_answers("overdue-filing-national-day"), complete_answers()]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("case", [0, 1, 2], ids=["gaps", "overdue-filing", "well-run"])
def test_the_json_export_the_cli_and_the_report_context_agree_field_by_field(
    client: Any, tmp_path: Any, language: str, case: int
) -> None:
    import json

    answers = _scenarios()[case]
    assessment = _stored(answers)
    client.cookies["django_language"] = language
    exported = json.loads(client.get(f"/a/{assessment.token}/export.json").content)["result"]
    assert _cli_json(tmp_path, answers, language) == exported
    context = build_report_context(assessment, "measures-2025", language)
    catalogue = default_catalogue()

    assert exported["language"] == context["language"] == language
    assert (context["rating"]["code"], context["applicable"]) == (exported["rating"], exported["applicable"])
    assert {c["severity"]: c["count"] for c in context["counts"]} == exported["counts"]
    shown = {f["rule"]: f for f in context["findings"]}
    assert set(shown) == {f["rule"] for f in exported["findings"]}
    for data in exported["findings"]:
        finding = shown[data["rule"]]
        for field in ("severity", "title", "topic", "requirement", "explanation", "remediation", "evidence"):
            assert finding[field] == data[field], (data["rule"], field)
        assert finding["citations"] == data["cited_as"]
        assert finding["note"] == data.get("note", "")
        labels = [catalogue.question(qid).label.get(language) for qid in data["triggered_by"]]
        assert [q["question"] for q in finding["triggered_by"]] == labels
    for kind in ("filing", "impact_assessment"):
        data, stated = exported[kind], context[kind]
        assert (data is None) == (stated is None)
        if data is None:
            continue
        assert (stated["required"], stated["reason"], stated["citations"]) == (
            data["required"],
            data["reason"],
            data["citations"],
        )
        assert stated["authority"] == (data["authority"] or "")
        assert stated["overdue"] == data.get("overdue", False)
        assert stated["retain_years"] == data.get("retain_years")
        assert stated["deadline"].endswith(data["deadline_text"] or "")
    numbers = {f["rule"]: f["number"] for f in context["findings"]}
    assert [(c["rule"], c["by"]) for c in context["covered"]] == [
        (c["rule"], [numbers[r] for r in c["covered_by"]]) for c in exported["covered"]
    ]
    assert [r["rule"] for r in context["met"]] == exported["met"]
    not_applicable = [r["rule"] for group in context["not_applicable"] for r in group["rules"]]
    assert sorted(not_applicable) == sorted(exported["not_applicable"])
    assert [m["question"] for m in context["missing"]] == exported["missing_questions"]
    rows = {r["topic"]: {"rating": r["rating"], "findings": r["total"], "met": r["met"]} for r in context["topic_rows"]}
    assert rows == exported["topics"]


@pytest.mark.django_db
def test_the_overdue_filings_deadline_is_the_exported_date_in_the_reports_words(client: Any) -> None:
    import json

    from tests.test_scenarios import scenario_answers

    assessment = _stored(scenario_answers("overdue-filing-national-day"))
    exported = json.loads(client.get(f"/a/{assessment.token}/export.json").content)["result"]["filing"]
    stated = build_report_context(assessment, "measures-2025", "en")["filing"]
    day = datetime.date.fromisoformat(exported["deadline"])
    assert exported["overdue"] and stated["overdue"]
    assert stated["deadline"].startswith(f"{day.day} {day:%B} {day.year}")


# One builder for every rendering: the result page, each PDF edition, the DOCX gap report, the JSON
# and CSV exports and the command line's text all go through build_report_context's `_build`.


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from assessment.reports import context as module

    calls: list[str] = []
    original = module._build

    def spy(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append(args[3])  # the language
        return original(*args, **kwargs)

    monkeypatch.setattr(module, "_build", spy)
    return calls


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rendering", "languages"),
    [
        ("/result/", ["en"]),
        ("/export.json", ["en"]),
        ("/export.csv", ["en"]),
        ("/report.docx", ["en", "zh-hans"]),
    ],
)
def test_every_web_rendering_is_built_by_the_one_builder(
    client: Any, builds: list[str], rendering: str, languages: list[str]
) -> None:
    assessment = _stored(gap_answers())
    response = client.get(f"/a/{assessment.token}{rendering}")
    assert response.status_code == 200
    assert sorted(set(builds)) == sorted(languages)


@pytest.mark.parametrize(("edition", "languages"), [("en", ["en"]), ("bilingual", ["en", "zh-hans"])])
def test_every_pdf_edition_is_built_by_the_one_builder(
    builds: list[str], monkeypatch: pytest.MonkeyPatch, edition: str, languages: list[str]
) -> None:
    from assessment.reports import pdf

    monkeypatch.setattr(pdf, "render_pdf", lambda html: html.encode("utf-8"))
    html = pdf.render_edition(unsaved(gap_answers()), "measures-2025", edition).decode("utf-8")
    assert builds == languages and "F1" in html


def test_the_command_lines_text_is_built_by_the_one_builder(builds: list[str], tmp_path: Any) -> None:
    import io
    import json

    from django.core.management import call_command

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(gap_answers(), ensure_ascii=False), encoding="utf-8")
    call_command("assess", str(path), "--format", "text", "--lang", "zh-hans", stdout=io.StringIO())
    assert builds == ["zh-hans"]


def test_only_the_builder_assembles_the_report_parts() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "assessment"
    parts = ("build_findings", "build_determination", "build_cover", "topic_rows", "not_applicable_groups")
    users = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if any(f"{part}(" in path.read_text(encoding="utf-8") for part in parts)
    )
    assert users == [
        "reports/checked.py",
        "reports/context.py",
        "reports/cover.py",
        "reports/determinations.py",
        "reports/findings.py",
    ]
