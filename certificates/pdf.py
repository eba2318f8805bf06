"""Render a certificate to PDF with WeasyPrint from ``templates/certificates/certificate.html``.

The one place that knows the certificate fonts. Two font families, not one family split by
``unicode-range``: WeasyPrint 70 printed Latin letters and digits with wrong Thai glyphs when one family
was made of two subset files, so Latin text (and digits) come from ``CertLatin`` and Thai from
``CertThai`` through the ordinary font fallback (``font-family: CertLatin, CertThai``).

``CertThai`` is Noto Sans Thai with glyphs added by ``tools/thai_pdf_fonts.py`` (committed output): HarfBuzz
splits ำ into two glyphs and WeasyPrint gives each glyph one Unicode mapping, so without them ำ read back
from the PDF as า (and ปั๊ม as "ปั๊ ม"). The tool's docstring explains the change; text looks the same.

Nothing is fetched from the network: the URL fetcher only opens ``data:`` URLs and files under the static
and media folders. Thai line breaking at word boundaries comes from Pango (libthai).
"""

import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.models import Site
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from lms.dates import format_date

from .models import CertificateSettings

FONTS = {
    ("CertThai", 400): "fonts/CertThai-Regular.ttf",
    ("CertThai", 700): "fonts/CertThai-Bold.ttf",
    ("CertLatin", 400): "fonts/NotoSansLatin-Regular.ttf",
    ("CertLatin", 700): "fonts/NotoSansLatin-Bold.ttf",
}
LOGO_SPEC = "max-320x160|format-png"
SIGNATURE_SPEC = "max-360x120|format-png"

_local = threading.local()


def verification_url(code):
    """The absolute public URL a QR opens (``PUBLIC_BASE_URL``); the site redirects it to the phone's language."""
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/verify/{code}/"


def qr_data_uri(url):
    """The QR code for ``url`` as a vector SVG data URI (no raster image to scale or embed)."""
    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000", light=None, scale=1)


def _allowed_roots():
    roots = [Path(d) for d in settings.STATICFILES_DIRS] + [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    return [root.resolve() for root in roots]


class LocalFetcher(URLFetcher):
    """Opens ``data:`` URLs and ``file:`` URLs inside static/ and media/ only: no network, no system files.

    A ``file:`` URL is parsed with ``urlsplit``; a host, query or fragment is refused (WeasyPrint would drop
    them and open another file than the one checked), and the path that is opened is the resolved one that
    was checked.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self._roots = _allowed_roots()

    def local_path(self, url):
        """The resolved file a ``file:`` URL names, or ``ValueError`` when it is not inside the allowed folders."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or parts.query or parts.fragment or "?" in url or "#" in url:
            raise ValueError(f"certificate may not read {url!r}: host, query or fragment in a file URL")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots):
            raise ValueError(f"certificate may not read {path}")
        return path

    def fetch(self, url, headers=None):
        if urlsplit(url).scheme.lower() == "file":
            url = self.local_path(url).as_uri()
        return super().fetch(url, headers)


def font_css():
    rules = []
    for (family, weight), relative in FONTS.items():
        path = finders.find(relative)
        if path is None:
            raise FileNotFoundError(f"certificate font missing from static/: {relative}")
        rules.append(
            f"@font-face {{ font-family: {family}; font-weight: {weight}; font-style: normal; "
            f"src: url('{Path(path).resolve().as_uri()}'); }}"
        )
    return "\n".join(rules)


def _renderer():
    """Per-thread font configuration, font stylesheet and image cache, reused between renders."""
    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
        _local.fetcher = LocalFetcher()
        _local.font_stylesheet = CSS(string=font_css(), font_config=_local.font_config, url_fetcher=_local.fetcher)
        _local.image_cache = {}
    return _local


def _image_url(image, spec):
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return Path(rendition.file.path).resolve().as_uri()


def default_settings():
    """The default site's certificate settings (unsaved defaults when there is no site yet)."""
    site = Site.objects.filter(is_default_site=True).first()
    return CertificateSettings.for_site(site) if site else CertificateSettings()


def certificate_context(certificate, site_settings=None):
    site_settings = site_settings or default_settings()
    centre = certificate.centre
    url = verification_url(certificate.code)
    return {
        "certificate": certificate,
        "settings": site_settings,
        "logo_url": _image_url(site_settings.logo, LOGO_SPEC),
        "signature_url": _image_url(site_settings.signature, SIGNATURE_SPEC),
        "centre_th": centre.display_name("th") if centre else "",
        "centre_en": centre.display_name("en") if centre else "",
        "date_th": format_date(certificate.issued_at, "th"),
        "date_en": format_date(certificate.issued_at, "en"),
        "verification_url": url,
        "verification_url_display": url.split("://", 1)[-1],
        "qr_uri": qr_data_uri(url),
    }


def render_html(certificate, site_settings=None):
    with override("th"):
        return render_to_string("certificates/certificate.html", certificate_context(certificate, site_settings))


def render_pdf(certificate, site_settings=None):
    """The certificate as PDF bytes (A4 landscape)."""
    renderer = _renderer()
    html = HTML(
        string=render_html(certificate, site_settings),
        base_url=Path(settings.BASE_DIR).resolve().as_uri() + "/",
        url_fetcher=renderer.fetcher,
    )
    return html.write_pdf(
        stylesheets=[renderer.font_stylesheet], font_config=renderer.font_config, cache=renderer.image_cache
    )
