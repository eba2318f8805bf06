"""Every UI string has a Thai translation: a missing msgstr would show English to a Thai reader."""

import ast
import re
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


def project_apps():
    """The project's own apps, from INSTALLED_APPS: those whose code lives in this repository."""
    from django.apps import apps

    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == ROOT]


TEMPLATE_STRING = re.compile(r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msg>.+?)(?P=q)(?:\s+[^%]*)?%}""")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
# Strings that read the same in both languages on purpose.
SAME_IN_BOTH = {"English", "LINE", "PDF", "CSV", "XLSX", "QR", "OK"}


def template_strings():
    for path in (ROOT / "templates").rglob("*.html"):
        for match in TEMPLATE_STRING.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(ROOT), match.group("msg")


def python_strings():
    for app in project_apps():
        for path in Path(app.path).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT_NAMES
                    and node.args
                    and isinstance(node.args[-1], ast.Constant)
                    and isinstance(node.args[-1].value, str)
                ):
                    yield path.resolve().relative_to(ROOT), node.args[-1].value


def test_the_translation_check_reads_every_project_app():
    names = {app.name for app in project_apps()}
    assert {"lms", "learners", "lessons", "quizzes", "certificates", "reports", "backoffice"} <= names
    assert not {"wagtail", "wagtail_localize", "django.contrib.auth"} & names


def test_every_ui_string_has_a_thai_translation():
    missing = []
    with translation.override("th"):
        for where, msg in [*template_strings(), *python_strings()]:
            if msg in SAME_IN_BOTH or not re.search("[A-Za-z]", msg):
                continue
            if translation.gettext(msg) == msg:
                missing.append(f"{where}: {msg}")
    assert missing == [], "Untranslated strings:\n" + "\n".join(sorted(set(missing)))


def test_thai_catalogues_use_the_glossary_words():
    with translation.override("th"):
        assert translation.gettext("Sign in") == "เข้าสู่ระบบ"
        assert translation.gettext("Sign out") == "ออกจากระบบ"
        assert translation.gettext("Sign up") == "สมัครสมาชิก"
