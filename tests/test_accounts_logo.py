"""The consultancy's logo: only a decodable PNG or a static SVG is stored; it is shown on the
organisation page and reaches WeasyPrint only through the project's URL fetcher."""

from __future__ import annotations

import hashlib
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.organisations import branding, services
from assessment.organisations.logo import MAX_BYTES, check_logo
from assessment.organisations.models import Logo, Organisation
from tests.cast import add_member, client_for, make_assessment, make_user

SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 120 40" width="120" height="40">
  <title>Lambert Advisory</title>
  <defs><linearGradient id="g">
    <stop offset="0" stop-color="#0a3d62"/><stop offset="1" stop-color="#3c6382"/>
  </linearGradient></defs>
  <style>.mark { fill: url(#g); }</style>
  <inkscape:page id="page1"/>
  <rect class="mark" x="0" y="0" width="40" height="40" rx="6"/>
  <use xlink:href="#g"/>
  <text x="48" y="26" font-size="14" fill="#0a3d62">Lambert</text>
</svg>"""


def png(width: int = 64, height: int = 32) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (width, height), (10, 61, 98)).save(out, format="PNG")
    return out.getvalue()


def svg(body: str, head: str = "") -> bytes:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{body}</svg>'.encode()


def refusal(content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_logo(content)
    return " ".join(caught.value.messages)


def test_a_png_is_decoded_and_its_size_read() -> None:
    checked = check_logo(png(64, 32))
    assert (checked.content_type, checked.width, checked.height) == ("image/png", 64, 32)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (png()[:-30], "damaged"),  # truncated: the signature is right, the pixels are not all there
        (png()[:8] + b"\x00" * 200, "damaged"),  # the signature and nothing of a PNG after it
        (png(2001, 1), "2000"),  # too wide
        (png()[:40] + bytes([png()[40] ^ 1]) + png()[41:], "damaged"),  # a bit flipped in the pixel data
        (b"GIF89a" + b"\x00" * 100, "PNG or SVG"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "PNG or SVG"),  # a JPEG
        (png() + b"\x00" * MAX_BYTES, "512 KB"),
    ],
    ids=["empty", "truncated", "signature-only", "too-wide", "bad-checksum", "gif", "jpeg", "too-large"],
)
def test_anything_but_a_sound_small_png_or_svg_is_refused(content: bytes, says: str) -> None:
    assert says in refusal(content)


def test_a_plain_drawing_with_editor_metadata_is_accepted() -> None:
    assert check_logo(SVG).content_type == "image/svg+xml"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (svg("<script>alert(1)</script>"), "<script>"),
        (svg('<rect width="1" height="1" onload="alert(1)"/>'), "event attribute"),
        (svg('<rect width="1" height="1" ONCLICK="alert(1)"/>'), "event attribute"),
        (svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'), "foreignObject"),
        (svg('<image href="https://tracker.example/p.png" width="1" height="1"/>'), "<image>"),
        (svg('<use xlink:href="file:///etc/passwd#x"/>'), "file:///etc/passwd"),
        (svg('<use href="https://evil.example/a.svg#x"/>'), "another file"),
        (svg('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'), "<a>"),
        (svg('<animate attributeName="href" to="javascript:alert(1)"/>'), "<animate>"),
        (svg("<style>@import url(https://evil.example/x.css);</style>"), "import"),
        (svg('<rect width="1" height="1" style="fill:url(https://evil.example/p.svg#a)"/>'), "another file"),
        (svg('<rect width="1" height="1" fill="url( \'http://evil.example/#g\')"/>'), "another file"),
        (svg("<style>rect { fill: url(http://evil.example/x) }</style>"), "another file"),
        (svg("<style><![CDATA[ rect { background: url(//evil.example/x) } ]]></style>"), "another file"),
        (
            svg(
                "<text>&xxe;</text>", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            ),
            "document type",
        ),
        (
            svg("<text>&lol2;</text>", '<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'),
            "document type",
        ),
        (svg("", '<?xml-stylesheet href="https://evil.example/x.css"?>'), "processing instruction"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "root element"),
        (b"<svg><rect/></svg>", "root element"),  # no SVG namespace: not an SVG document
        (svg("<rect>"), "well-formed"),
    ],
    ids=[
        "script",
        "onload",
        "onclick-upper",
        "foreignObject",
        "external-image",
        "xlink-file",
        "href-https",
        "javascript-link",
        "animation",
        "css-import",
        "style-url",
        "fill-url",
        "stylesheet-url",
        "cdata-url",
        "xxe",
        "entity-expansion",
        "stylesheet-pi",
        "xhtml-root",
        "no-namespace",
        "broken",
    ],
)
def test_an_svg_that_could_run_or_fetch_anything_is_refused(content: bytes, says: str) -> None:
    assert says in refusal(content)


@pytest.fixture
def lambert(db: None) -> dict[str, Any]:
    claire, chen = make_user("claire@lambert.example"), make_user("chen@lambert.example")
    consultancy = Organisation.objects.create(name="Lambert Advisory", kind=Organisation.Kind.CONSULTANCY)
    add_member(consultancy, claire, "owner")
    add_member(consultancy, chen, "editor")
    hotel = Organisation.objects.create(name="Jinjiang Star", managed_by=consultancy)
    return {"consultancy": consultancy, "claire": claire, "chen": chen, "hotel": hotel}


def upload(user: Any, consultancy: Organisation, content: bytes, name: str = "logo.png") -> Any:
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client_for(user).post(reverse("accounts:logo", args=[consultancy.pk]), {"logo": file})


def test_an_owner_uploads_a_logo_which_the_organisation_page_shows(lambert: dict[str, Any]) -> None:
    content = png()
    assert upload(lambert["claire"], lambert["consultancy"], content).status_code == 302
    logo = Logo.objects.get(organisation=lambert["consultancy"])
    assert bytes(logo.content) == content and logo.sha256 == hashlib.sha256(content).hexdigest()
    page = client_for(lambert["chen"]).get(reverse("accounts:organisation", args=[lambert["consultancy"].pk]))
    image_url = reverse("accounts:logo_image", args=[lambert["consultancy"].pk])
    assert image_url in page.content.decode()
    served = client_for(lambert["chen"]).get(image_url)
    assert served.content == content and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff" and "sandbox" in served["Content-Security-Policy"]
    # Replacing keeps one row; removing deletes it.
    upload(lambert["claire"], lambert["consultancy"], SVG, "logo.svg")
    assert Logo.objects.get().content_type == "image/svg+xml"
    client_for(lambert["claire"]).post(reverse("accounts:logo", args=[lambert["consultancy"].pk]), {"remove": "1"})
    assert not Logo.objects.exists()


def test_a_refused_file_is_not_stored_and_the_page_says_why(lambert: dict[str, Any]) -> None:
    response = upload(lambert["claire"], lambert["consultancy"], svg("<script>alert(1)</script>"), "logo.svg")
    assert response.status_code == 200 and "&lt;script&gt;" in response.content.decode()
    assert not Logo.objects.exists()


def test_only_the_consultancy_owner_uploads_and_only_its_members_see_the_logo(lambert: dict[str, Any]) -> None:
    assert upload(lambert["chen"], lambert["consultancy"], png()).status_code == 404
    assert upload(lambert["claire"], lambert["hotel"], png()).status_code == 404  # a client has no logo
    services.set_logo(lambert["consultancy"], check_logo(png()), lambert["claire"])
    image_url = reverse("accounts:logo_image", args=[lambert["consultancy"].pk])
    staff = make_user("li@jinjiang.example")
    add_member(lambert["hotel"], staff, "owner")
    for outsider in (staff, make_user("rival@example.com"), None):
        assert client_for(outsider).get(image_url).status_code in (404, 302)
        assert b"PNG" not in client_for(outsider).get(image_url).content


def test_the_report_names_the_logo_by_a_fetcher_url_that_only_the_fetcher_resolves(lambert: dict[str, Any]) -> None:
    from assessment.reports.context import build_report_context
    from assessment.reports.fetcher import RefusedURL, StaticFilesFetcher

    assessment = make_assessment(lambert["hotel"])
    assert build_report_context(assessment, "measures-2025", "en")["branding"]["logo_url"] == ""
    content = png()
    logo = services.set_logo(lambert["consultancy"], check_logo(content), lambert["claire"])
    context = build_report_context(assessment, "measures-2025", "zh-hans")["branding"]
    assert context["logo_url"] == f"branding:logo/{lambert['consultancy'].pk}/{logo.sha256}.png"
    assert context["logo_alt"] == "Lambert Advisory"
    fetched = StaticFilesFetcher().fetch(context["logo_url"])
    assert fetched.read() == content
    for forged in (
        f"branding:logo/{lambert['consultancy'].pk}/{'0' * 64}.png",  # not the stored logo
        f"branding:logo/{lambert['hotel'].pk}/{logo.sha256}.png",  # another organisation
        f"branding:logo/{lambert['consultancy'].pk}/{logo.sha256}.png?x=1",
        "branding:logo/../../etc/passwd",
        "file:///etc/passwd",
        "https://example.com/logo.png",
    ):
        with pytest.raises(RefusedURL):
            StaticFilesFetcher().fetch(forged)


def test_a_new_logo_makes_a_new_pdf(lambert: dict[str, Any]) -> None:
    from assessment.reports.pdf import report_cache_key

    assessment = make_assessment(lambert["hotel"])
    before = report_cache_key(assessment, "measures-2025", "en")
    services.set_logo(lambert["consultancy"], check_logo(png()), lambert["claire"])
    with_logo = report_cache_key(assessment, "measures-2025", "en")
    services.set_logo(lambert["consultancy"], check_logo(png(80, 40)), lambert["claire"])
    assert len({before, with_logo, report_cache_key(assessment, "measures-2025", "en")}) == 3
    assert branding.branding_fingerprint(None) == ""


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_weasyprint_draws_the_logo_it_fetched_through_the_project_fetcher(lambert: dict[str, Any], kind: str) -> None:
    from pypdf import PdfReader

    from assessment.reports.pdf import render_pdf

    logo = services.set_logo(lambert["consultancy"], check_logo(png() if kind == "png" else SVG), lambert["claire"])
    html = f'<html><body><img src="{branding.logo_url(logo)}" alt="logo" style="width:30mm"><p>x</p></body></html>'
    page = PdfReader(BytesIO(render_pdf(html))).pages[0]
    if kind == "png":
        assert len(page.images) == 1  # the raster image is embedded
    else:
        assert "Lambert" in page.extract_text()  # the drawing's text, drawn as vectors and text


def test_the_clients_report_carries_the_consultancys_logo_on_its_cover_and_running_header(
    lambert: dict[str, Any],
) -> None:
    """The whole chain: uploaded logo → report context → the PDF template → WeasyPrint via the fetcher."""
    from pypdf import PdfReader

    from assessment.reports.pdf import edition_context, render_edition, render_report_html

    assessment = make_assessment(lambert["hotel"])
    assert "cover-logo" not in render_report_html(edition_context(assessment, "measures-2025", "en"))
    services.set_logo(lambert["consultancy"], check_logo(png()), lambert["claire"])
    with_logo = PdfReader(BytesIO(render_edition(assessment, "measures-2025", "en", include_answers=False)))
    assert len(with_logo.pages[0].images) >= 1, "the cover shows the logo"
    assert with_logo.pages[1].images, "the running header repeats it"
