"""classes sits above quizzes: it may import learners, lessons and quizzes; nothing below it imports classes,
and classes imports neither certificates nor reports."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_apps(app):
    names = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def test_classes_imports_only_lower_apps():
    assert imported_apps("classes") & {"certificates", "reports"} == set()


def test_lower_apps_do_not_import_classes():
    for app in ("lms", "learners", "lessons", "quizzes"):
        assert "classes" not in imported_apps(app), app
