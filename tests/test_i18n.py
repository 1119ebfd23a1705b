"""English and Simplified Chinese throughout: the message catalogue, every page, the switcher, formats.

The pages are checked the way a reader would notice a slip: the Chinese page shows no English
word that is not a name (PIPL, PDF, 1:N ...), the English page shows no Chinese but the
switcher's own label. What the user typed is left out of both checks.
"""

from __future__ import annotations

import ast
import dataclasses
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from assessment.assessments.models import Assessment
from assessment.catalogue import Text, default_catalogue
from assessment.catalogue.flow import shown_steps
from tests.conftest import WizardWalker

try:
    from tests.conftest import complete_answers
except ImportError:  # older layout: the builder lived beside the wizard tests
    from tests.test_wizard import complete_answers  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
PO_FILE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
ZH = "zh-hans"
SWITCHER_LABEL = "简体中文"

# Latin words a Chinese compliance reader expects to see as they are: names, abbreviations,
# file formats and notation. Anything else in Latin letters on a Chinese page is untranslated.
ALLOWED_LATIN = {
    "PIPL", "CAC", "MPS", "GB", "T", "TC", "PDF", "CSV", "DOCX", "JSON", "SVG", "HTML", "MLPS", "SaaS", "QR",
    "PIN", "ID", "VIP", "API", "APP", "App", "IT", "CII", "N", "English", "Excel", "Noto", "Sans", "CJK", "SC",
}  # fmt: skip
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
# Links, e-mail addresses, version numbers and finding references (F1, F2 ...) are not words.
NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|\b\d+(\.\d+)+\b|(?<![A-Za-z0-9])F\d+(?![A-Za-z0-9])"
)  # F<n> by CJK: no \b
HALF_WIDTH_BY_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff）])\s?[:;,?!()]|[:;,?!()]\s?(?=[\u4e00-\u9fff（])")
# English text may gloss a term of the law with its Chinese form: "separate consent (单独同意)".
CHINESE_GLOSS = re.compile(r"\([\u4e00-\u9fff]{2,12}\)")

# Words that read as a translation rather than the law's own terms, with the term to use.
NON_LEGAL_TERMS = {
    "单独的同意": "单独同意",
    "面部识别": "人脸识别",
    "脸部识别": "人脸识别",
    "个人资料": "个人信息",
    "隐私影响评估": "个人信息保护影响评估",
    "数据控制者": "个人信息处理者",
    "数据处理者": "个人信息处理者 / 受托人",
    "登记备案": "备案",
    "显着": "显著",
    "网络空间管理局": "网信部门",
    "监护者": "监护人",
}

# Answers that open every step of the wizard (public places, premises, minors, filing ...).
SHOW_EVERY_STEP = {
    "sc1_fr_identity": "yes",
    "pl1_public_place": "yes",
    "bp_business_premises": "yes",
    "bp_internal_management": "yes",
    "pm_property_management": "yes",
    "mn1_under14": "yes",
    "fl1_people_stored": 150_000,
    "fl2_filed": "yes",
}


# --- the message catalogue -------------------------------------------------------------------


@dataclass
class Message:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def read_po(path: Path) -> tuple[Message, list[Message]]:
    """The header and the live (not obsolete) entries of a .po file."""
    entries: list[Message] = []
    current = Message()
    target: tuple[str, int] = ("msgid", 0)

    def finish() -> None:
        nonlocal current
        if current.msgid or current.msgstr:
            entries.append(current)
        current = Message()

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(current, target, ast.literal_eval(line))
        else:
            keyword, _, literal = line.partition(" ")
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            target = ("msgstr" if keyword.startswith("msgstr") else keyword, index)
            if keyword == "msgid" and (current.msgid or current.msgstr):
                finish()
            _append(current, target, ast.literal_eval(literal))
    header = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    return header, [e for e in entries if e is not header]


def _append(message: Message, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        message.msgstr[index] = message.msgstr.get(index, "") + text
    else:
        setattr(message, name, (getattr(message, name) or "") + text)


def test_the_catalogue_is_for_simplified_chinese_with_a_single_plural_form() -> None:
    header, _ = read_po(PO_FILE)
    assert "fuzzy" not in header.flags
    assert "Language: zh_Hans" in header.msgstr[0]
    assert "Plural-Forms: nplurals=1; plural=0;" in header.msgstr[0]


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    _, messages = read_po(PO_FILE)
    assert messages, "the catalogue is empty"
    fuzzy = [m.msgid for m in messages if "fuzzy" in m.flags]
    untranslated = [m.msgid for m in messages if not all(s.strip() for s in m.msgstr.values())]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    assert not untranslated, f"untranslated entries: {untranslated}"
    plural_slips = [m.msgid for m in messages if m.msgid_plural and sorted(m.msgstr) != [0]]
    assert not plural_slips, f"Chinese has one plural form, msgstr[0] only: {plural_slips}"


def test_msgfmt_accepts_the_catalogue_and_counts_no_gap() -> None:
    # --check also verifies that every python-format placeholder survives the translation.
    run = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "untranslated" not in run.stderr and "fuzzy" not in run.stderr, run.stderr


def test_every_translation_is_chinese_with_full_width_punctuation_and_the_laws_terms() -> None:
    _, messages = read_po(PO_FILE)
    for message in messages:
        for text in message.msgstr.values():
            words = set(LATIN_WORD.findall(_without_placeholders(message.msgid)))
            if words - ALLOWED_LATIN:
                assert CJK.search(text), f"left in English: {message.msgid!r}"
            assert_reads_as_chinese_copy(text, where=message.msgid)


def test_the_catalogues_chinese_uses_full_width_punctuation_and_the_laws_terms() -> None:
    # Questions, choices, help, steps, rules, regimes and determinations; an instrument's bare
    # title (a table cell under "资料来源") is the one place without book-title marks.
    catalogue = default_catalogue()
    titles = {instrument.name.zh for instrument in catalogue.instruments}
    texts = [text for text in catalogue_texts(catalogue) if text.zh not in titles]
    assert len(texts) > 500
    for text in texts:
        assert_reads_as_chinese_copy(text.zh, where=text.en)


def catalogue_texts(value: Any) -> list[Text]:
    """Every bilingual text held anywhere in the catalogue's dataclasses."""
    if isinstance(value, Text):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in catalogue_texts(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [t for item in value for t in catalogue_texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in catalogue_texts(item)]
    return []


def assert_reads_as_chinese_copy(text: str, where: str) -> None:
    for wrong, right in NON_LEGAL_TERMS.items():
        assert wrong not in text, f"{where!r}: write {right}, not {wrong}"
    # Half-width punctuation against a Chinese character: "，" "：" "（" not "," ":" "(".
    bare = _without_placeholders(text)
    slip = re.search(r"(?<=[\u4e00-\u9fff])[,;:?!()]|[,;:?!()](?=[\u4e00-\u9fff])", bare)
    assert not slip, f"{where!r}: half-width {slip.group()!r} in {text!r}" if slip else ""
    for name in ("人脸识别技术应用安全管理办法", "个人信息保护法", "人脸识别技术应用安全管理规定"):
        for found in re.finditer(name, text):
            assert text[: found.start()].endswith(("《", "中华人民共和国")), f"{where!r}: 《{name}》 needs its marks"


def _without_placeholders(text: str) -> str:
    return re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|1:1|1:N", "", text)


def test_the_compiled_catalogue_matches_the_source() -> None:
    _, messages = read_po(PO_FILE)
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in messages:
        msgid = f"{message.msgctxt}\x04{message.msgid}" if message.msgctxt else message.msgid
        found = compiled.ngettext(msgid, message.msgid_plural, 2) if message.msgid_plural else compiled.gettext(msgid)
        assert found == message.msgstr[0], f"stale .mo: run msgfmt ({message.msgid!r})"


def test_every_string_marked_in_the_code_is_in_the_catalogue(tmp_path: Path, monkeypatch: Any, settings: Any) -> None:
    # makemessages on a copy of the code, so the committed catalogue is never touched.
    for folder in ("assessment", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "data"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_obsolete=True)
    _, fresh = read_po(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")
    _, ours = read_po(PO_FILE)
    missing = {m.key for m in fresh} - {m.key for m in ours}
    assert not missing, f"run makemessages -l zh_Hans and translate: {sorted(missing, key=str)}"


# --- pages -----------------------------------------------------------------------------------


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and labelling attributes, not scripts or typed values."""

    HIDDEN = {"script", "style", "template", "textarea"}
    LABELS = ("title", "alt", "placeholder")  # and any *-label attribute (aria-label, data-busy-label ...)

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        values = dict(attrs)
        self.parts += [value for name, value in attrs if (name in self.LABELS or name.endswith("-label")) and value]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(html: str, typed: list[str]) -> str:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    for value in sorted(typed, key=len, reverse=True):
        text = text.replace(value, " ")
    return NOT_WORDS.sub(" ", text)


def assert_all_chinese(html: str, page: str, typed: list[str]) -> None:
    text = visible_text(html, typed)
    stray = [m for m in LATIN_WORD.finditer(text) if m.group() not in ALLOWED_LATIN]
    context = [text[max(m.start() - 30, 0) : m.end() + 30] for m in stray[:5]]
    assert not stray, f"{page}: English left on the Chinese page: {context}"
    # Punctuation follows the language too: "严重程度：高", "（已完成）", not "严重程度: 高", "(已完成)".
    slips = list(HALF_WIDTH_BY_CHINESE.finditer(text))
    context = [text[max(m.start() - 20, 0) : m.end() + 20] for m in slips[:5]]
    assert not slips, f"{page}: half-width punctuation in Chinese text: {context}"


def assert_all_english(html: str, page: str, typed: list[str]) -> None:
    text = CHINESE_GLOSS.sub(" ", visible_text(html, [*typed, SWITCHER_LABEL]))
    stray = list(CJK.finditer(text))
    context = [text[max(m.start() - 30, 0) : m.end() + 30] for m in stray[:5]]
    assert not stray, f"{page}: Chinese on the English page: {context}"


def typed_answers(language: str) -> dict[str, Any]:
    """Every step shown; free text typed in the page's language, so it never hides a stray word."""
    catalogue = default_catalogue()
    text = "门店入口示例" if language == ZH else "Example entrance"
    typed = {q.id: text for q in catalogue.questions if q.type == "text"}
    return complete_answers(**SHOW_EVERY_STEP, **typed)


def user_values(answers: dict[str, Any]) -> list[str]:
    """What the user typed (free text), as opposed to choice codes the page shows as labels."""
    catalogue = default_catalogue()
    return [value for qid, value in answers.items() if catalogue.question(qid).type == "text"]


def completed_assessment(walker: WizardWalker, answers: dict[str, Any]) -> Assessment:
    assessment = walker.start()
    walker.walk(assessment, answers)
    assessment.refresh_from_db()
    assert assessment.is_complete
    return assessment


def every_page(client: Client, walker: WizardWalker, language: str) -> tuple[dict[str, str], list[str]]:
    """Start page, each wizard step, an error state and the result, rendered in `language`."""
    client.cookies["django_language"] = language
    answers = typed_answers(language)
    assessment = completed_assessment(walker, answers)
    pages = {"start page": client.get("/").content.decode()}
    for step in shown_steps(default_catalogue(), assessment.answers):
        response = client.get(walker.step_url(assessment, step.id))
        assert response.status_code == 200, step.id
        pages[f"step {step.id}"] = response.content.decode()
    bad = {**answers, "fl1_people_stored": "很多" if language == ZH else "lots", "sc1_fr_identity": ""}
    response = walker.submit(assessment, "scope", bad)
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    pages["scope step with errors"] = response.content.decode()
    response = client.get(f"/a/{assessment.token}/result/")
    assert response.status_code == 200
    pages["result page"] = response.content.decode()
    return pages, [*user_values(answers), bad["fl1_people_stored"]]


def account_pages(client: Client, language: str) -> tuple[dict[str, str], list[str]]:
    """The account pages, signed out then signed in as the owner of an organisation with one assessment."""
    from tests.cast import make_organisation, make_user

    chinese = language == ZH
    answers = typed_answers(language)
    person, organisation_name = ("张伟", "示例零售有限公司") if chinese else ("Olivia Owner", "Acme Retail")
    owner = make_user("owner@example.com", name=person)
    organisation = make_organisation(organisation_name, owner=owner)
    assessment = Assessment.objects.create(
        organisation=organisation, answers=answers, status=Assessment.Status.COMPLETE
    )
    client.cookies["django_language"] = language
    pages = {}
    for name in ("login", "signup", "password_reset", "password_reset_done"):
        pages[name] = _page(client, reverse(f"accounts:{name}"))
    wrong_login = client.post(reverse("accounts:login"), {"username": "owner@example.com", "password": "wrong"})
    pages["login with a wrong password"] = wrong_login.content.decode()
    client.force_login(owner)
    for name, args in [
        ("dashboard", []), ("organisation", [organisation.pk]), ("invite", [organisation.pk]),
        ("organisation_new", []), ("delete_organisation", [organisation.pk]), ("claim", []),
        ("history", [assessment.token]), ("reassess", [assessment.token]), ("delete", [assessment.token]),
        ("password_change", []),
    ]:  # fmt: skip
        pages[name] = _page(client, reverse(f"accounts:{name}", args=args))
    pages["start page, signed in"] = _page(client, "/")
    return pages, [*user_values(answers), person, organisation_name]


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_every_page_reads_in_chinese_with_no_english_left(client: Client, walker: WizardWalker) -> None:
    pages, typed = every_page(client, walker, ZH)
    assert len(pages) >= 18
    for name, html in pages.items():
        assert '<html lang="zh-Hans">' in html, name
        assert_all_chinese(html, name, typed)


@pytest.mark.django_db
def test_every_account_page_reads_in_chinese_with_no_english_left(client: Client) -> None:
    pages, typed = account_pages(client, ZH)
    for name, html in pages.items():
        assert '<html lang="zh-Hans">' in html, name
        assert_all_chinese(html, name, typed)


@pytest.mark.django_db
def test_every_account_page_reads_in_english_with_no_chinese_but_the_switcher(client: Client) -> None:
    pages, typed = account_pages(client, "en")
    for name, html in pages.items():
        assert_all_english(html, name, typed)


@pytest.mark.django_db
def test_every_page_reads_in_english_with_no_chinese_but_the_switcher(client: Client, walker: WizardWalker) -> None:
    pages, typed = every_page(client, walker, "en")
    for name, html in pages.items():
        assert '<html lang="en">' in html, name
        assert SWITCHER_LABEL in html, f"{name}: no way to switch to Chinese"
        assert_all_english(html, name, typed)


@pytest.mark.django_db
def test_form_errors_from_django_itself_read_as_native_chinese(client: Client, walker: WizardWalker) -> None:
    # Django's own zh_Hans wording is replaced where it reads stiffly (assessment/django_messages.py).
    client.cookies["django_language"] = ZH
    assessment = walker.start()
    answers = complete_answers(sc1_fr_identity="yes", org_name="名" * 201)
    page = walker.submit(assessment, "scenario", answers).content.decode()
    assert "最多可输入200个字符（当前为201个）。" in page
    walker.submit(assessment, "scenario", {**answers, "org_name": "示例公司"})
    page = walker.submit(assessment, "scope", {**answers, "fl1_people_stored": "很多"}).content.decode()
    assert "请输入整数。" in page and "Enter a whole number." not in page
    page = walker.submit(assessment, "scope", {**answers, "fl1_people_stored": "-1"}).content.decode()
    assert "该值不能小于0。" in page


@pytest.mark.parametrize("regime", ["measures-2025", "draft-2023"])
def test_the_pdf_reads_in_the_language_chosen(regime: str) -> None:
    # The HTML WeasyPrint is given; the fonts embedded in the PDFs are checked in test_pdf.py.
    from assessment.reports.pdf import edition_context, render_report_html

    for language, check in ((ZH, assert_all_chinese), ("en", assert_all_english)):
        answers = typed_answers(language)
        context = edition_context(Assessment(answers=answers, regime=regime), regime, language)
        html = render_report_html(context)
        assert f'lang="{"zh-Hans" if language == ZH else "en"}"' in html
        check(html, f"{language} PDF ({regime})", user_values(answers))


# --- choosing the language -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"), ("zh", "zh-Hans"), ("en-GB,en;q=0.9", "en"), ("fr-FR", "en"), ("", "en")],
)
def test_without_a_choice_the_browser_language_decides_then_english(
    client: Client, accept_language: str, expected: str
) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert f'<html lang="{expected}">' in page


@pytest.mark.django_db
def test_the_switcher_keeps_the_visitor_on_the_same_page_and_wins_over_the_browser(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": ZH, "next": "/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-Hans">' in page and "开始新评估" in page
    assert 'name="language" value="en"' in page  # and the way back


@pytest.mark.django_db
def test_the_switcher_returns_to_the_very_page_with_its_query(client: Client, walker: WizardWalker) -> None:
    assessment = walker.start()
    walker.walk(assessment, complete_answers(sc1_fr_identity="yes"))
    url = f"/a/{assessment.token}/result/?regime=draft-2023"
    assert f'name="next" value="{url}"' in _page(client, url)
    response = client.post("/i18n/setlang/", {"language": ZH, "next": url})
    assert response["Location"] == url


@pytest.mark.django_db
def test_urls_carry_no_language_prefix(client: Client) -> None:
    assert reverse("assessment:start") == "/"
    assert client.get("/zh-hans/").status_code == 404
    assert client.get("/en/").status_code == 404


@pytest.mark.django_db
def test_switching_language_on_a_step_keeps_the_step_and_what_was_typed(client: Client, walker: WizardWalker) -> None:
    assessment = walker.start()
    answers = complete_answers(sc1_fr_identity="yes", org_name="Acme Retail", scenario_name="Store entrance")
    walker.submit(assessment, "scenario", answers)
    half_typed = {"sc1_fr_identity": "yes", "fl1_people_stored": 2345}
    response = walker.submit(assessment, "scope", half_typed, wizard_language=ZH)
    assert response.status_code == 302
    assert response["Location"] == walker.step_url(assessment, "scope")
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "该场景是否在中国境内利用人脸信息" in page  # the scope step, asked in Chinese
    assert 'value="2345"' in page and 'value="yes" id="id_scope-sc1_fr_identity_0" checked' in page
    assert "请回答此问题。" not in page  # an unfinished step is not an error
    response = walker.submit(assessment, "scope", half_typed, wizard_language="en")
    assert "Does this scenario use face information" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_switcher_refuses_an_unknown_language(client: Client, walker: WizardWalker) -> None:
    assessment = walker.start()
    response = walker.submit(assessment, "scenario", {}, wizard_language="xx")
    assert response.status_code == 302
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()


# --- dates and numbers -----------------------------------------------------------------------


@pytest.mark.django_db
def test_dates_follow_the_language(client: Client, walker: WizardWalker) -> None:
    assessment = walker.start()
    walker.submit(assessment, "scenario", complete_answers(org_name="Acme Retail"))
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", english)  # "22 Nov 2026" (assessment/formats/en)
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", chinese)
    walker.walk(assessment, complete_answers(sc1_fr_identity="yes"))
    result = client.get(f"/a/{assessment.token}/result/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", result)
