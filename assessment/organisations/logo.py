"""Checking an uploaded logo before it is stored: a small PNG or a plain SVG, nothing else.

A PNG must start with the PNG signature and decode completely (Pillow, with a pixel limit checked
before decoding). An SVG is read by expat with every handler that could reach outside refused: no
document type declaration (so no entities, internal or external), no processing instructions, no
script, no foreign content, no event attribute, no reference other than to a fragment of the same
document. Nothing is ever fetched or expanded while checking, and the bytes stored are the bytes
checked.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from io import BytesIO
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 512 * 1024
MAX_SIDE = 2000  # pixels, each side of a PNG: ample for a logo on an A4 cover
MAX_INFLATED = 16 * 1024 * 1024  # bytes of pixel data a PNG may inflate to (no decompression bomb)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What drawing programs add beside the drawing; renderers ignore it.
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
}
# Shapes, text, paint servers and grouping: the static drawing of a logo. Not script, foreignObject,
# image, a (links), animation (it can rewrite references), nor feImage and other filters.
SVG_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
}  # fmt: skip
REFERENCE_ATTRIBUTES = {"href", f"{XLINK_NS} href"}
URL_IN_CSS = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
DANGEROUS_TEXT = re.compile(r"@import|javascript:|expression\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class CheckedLogo:
    content: bytes
    content_type: str  # Logo.Format value
    width: int | None
    height: int | None


def check_logo(content: bytes) -> CheckedLogo:
    """The logo if it is an acceptable PNG or SVG; a ValidationError saying what is wrong otherwise."""
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("A logo can be at most %(limit)d KB; this file is %(size)d KB.")
            % {"limit": MAX_BYTES // 1024, "size": -(-len(content) // 1024)},
            code="too_large",
        )
    if content.startswith(PNG_SIGNATURE):
        return _check_png(content)
    if _looks_like_xml(content):
        return _check_svg(content)
    raise ValidationError(_("Upload the logo as a PNG or SVG file."), code="format")


def _check_png(content: bytes) -> CheckedLogo:
    """Every chunk read and its checksum verified, the pixel data inflated to exactly the size the
    header promises (never more: the inflation is bounded), then decoded by Pillow as a last check."""
    invalid = ValidationError(_("This PNG file is damaged or not a PNG image."), code="bad_png")
    try:
        width, height = _png_structure(content)
    except (ValueError, zlib.error, struct.error) as error:
        raise invalid from error
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(content), formats=["PNG"]) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise invalid from error
    return CheckedLogo(content, "image/png", width, height)


_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _png_chunks(content: bytes) -> tuple[bytes, bytes]:
    """The IHDR data and the joined IDAT data of a PNG whose chunks are sound and in order."""
    position, chunks, pixels = len(PNG_SIGNATURE), [], bytearray()
    header = b""
    while position < len(content):
        length, kind = struct.unpack_from(">I4s", content, position)
        data = content[position + 8 : position + 8 + length]
        (crc,) = struct.unpack_from(">I", content, position + 8 + length)
        if len(data) != length or zlib.crc32(kind + data) != crc:
            raise ValueError("bad chunk")
        chunks.append(kind)
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            pixels += data
        position += 12 + length
        if kind == b"IEND":
            break
    if not chunks or chunks[0] != b"IHDR" or chunks[-1] != b"IEND" or position != len(content) or not pixels:
        raise ValueError("chunks out of order")
    return header, bytes(pixels)


def _png_structure(content: bytes) -> tuple[int, int]:
    """The width and height of a structurally sound PNG; ValueError for anything else."""
    header, pixels = _png_chunks(content)
    width, height, depth, colour, _compression, _filter, interlace = struct.unpack(">IIBBBBB", header)
    too_big = ValidationError(
        _("A logo can be at most %(side)d × %(side)d pixels.") % {"side": MAX_SIDE}, code="too_big"
    )
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise too_big
    if colour not in _CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise ValueError("colour type")
    bits = _CHANNELS[colour] * depth
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    expected = 0
    for x0, y0, dx, dy in passes:
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        if columns > 0 and rows > 0:
            expected += rows * (1 + -(-(columns * bits) // 8))
    if expected > MAX_INFLATED:
        raise too_big
    inflater = zlib.decompressobj()
    raw = inflater.decompress(pixels, expected + 1)
    if len(raw) != expected or not inflater.eof:
        raise ValueError("pixel data of the wrong size")
    return width, height


def _looks_like_xml(content: bytes) -> bool:
    head = content[:1024].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<")


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_svg(content: bytes) -> CheckedLogo:
    checker = _SvgChecker()
    try:
        checker.parse(content)
    except _Refused as refused:
        raise ValidationError(
            _("This SVG file cannot be used as a logo: %(reason)s") % {"reason": refused.reason}, code="unsafe_svg"
        ) from None
    except expat.ExpatError:
        raise ValidationError(_("This SVG file is not well-formed XML."), code="bad_svg") from None
    if not checker.saw_root:
        raise ValidationError(_("Upload the logo as a PNG or SVG file."), code="format")
    return CheckedLogo(content, "image/svg+xml", None, None)


class _SvgChecker:
    """A streaming check with expat: it refuses at the first thing that is not a static drawing."""

    def __init__(self) -> None:
        self.saw_root = False
        self.depth = 0
        self.style_text: list[str] | None = None  # the text of the <style> element being read
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity
        self.parser.UnparsedEntityDeclHandler = self._entity
        self.parser.ExternalEntityRefHandler = self._external
        self.parser.ProcessingInstructionHandler = self._instruction
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def parse(self, content: bytes) -> None:
        self.parser.Parse(content, True)

    def _doctype(self, *_args: object) -> None:
        raise _Refused(_("it declares a document type (entities are not allowed)"))

    def _entity(self, *_args: object) -> None:
        raise _Refused(_("it declares entities"))

    def _external(self, *_args: object) -> int:
        raise _Refused(_("it refers to an external entity"))

    def _instruction(self, target: str, _data: str) -> None:
        raise _Refused(_("it contains a processing instruction (%(target)s)") % {"target": target})

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _space, local = name.rpartition(" ")
        if self.style_text is not None:
            raise _Refused(_("its style sheet contains elements"))
        if self.depth == 0:
            if (namespace, local) != (SVG_NS, "svg"):
                raise _Refused(_("its root element is not an SVG <svg> element"))
            self.saw_root = True
        self.depth += 1
        if namespace in EDITOR_NAMESPACES:
            return
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            raise _Refused(_("it contains a <%(element)s> element") % {"element": local})
        if local == "style":
            self.style_text = []
        for attribute, value in attributes.items():
            self._check_attribute(attribute, value)

    def _check_attribute(self, attribute: str, value: str) -> None:
        local = attribute.rpartition(" ")[2]
        if local.lower().startswith("on"):
            raise _Refused(_("it has an event attribute (%(attribute)s)") % {"attribute": local})
        if attribute in REFERENCE_ATTRIBUTES and not value.strip().startswith("#"):
            raise _Refused(_("it refers to another file or address (%(value)s)") % {"value": value[:80]})
        self._check_css(value)

    def _check_css(self, text: str) -> None:
        if DANGEROUS_TEXT.search(text):
            raise _Refused(_("it contains an import, a script address or a CSS expression"))
        for target in URL_IN_CSS.findall(text):
            if not target.startswith("#"):
                raise _Refused(_("it refers to another file or address (%(value)s)") % {"value": target[:80]})

    def _end(self, _name: str) -> None:
        self.depth -= 1
        if self.style_text is not None:  # a style sheet is checked whole: expat may split its text
            text, self.style_text = "".join(self.style_text), None
            self._check_css(text)

    def _text(self, text: str) -> None:
        if self.style_text is not None:
            self.style_text.append(text)
