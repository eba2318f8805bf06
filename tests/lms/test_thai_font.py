"""One Thai font declaration, served to learners and to the admin alike."""

import re
from pathlib import Path

from django.conf import settings

from tests.factories import UserFactory

STATIC = Path(settings.BASE_DIR) / "static"


def test_noto_sans_thai_is_declared_once_in_the_shared_stylesheet():
    declaring = sorted(
        path.relative_to(STATIC).as_posix()
        for path in STATIC.rglob("*.css")
        if re.search(r'font-family:\s*"Noto Sans Thai";', path.read_text(encoding="utf-8"))
    )
    assert declaring == ["css/thai-font.css"]
    css = (STATIC / "css" / "thai-font.css").read_text(encoding="utf-8")
    assert css.count("@font-face") == 2  # regular and bold
    assert (STATIC / "fonts" / "noto-sans-thai-thai.woff2").exists()


def test_learner_pages_and_the_admin_link_the_thai_font_before_their_own_styles(client, site):
    html = client.get("/th/").content.decode()
    assert html.index("/static/css/thai-font.css") < html.index("/static/css/site.css")
    client.force_login(UserFactory(username="font-admin", is_superuser=True, is_staff=True))
    html = client.get("/admin/").content.decode()
    assert html.index("/static/css/thai-font.css") < html.index("/static/backoffice/admin-thai-font.css")
