"""A GIN index over the expression Wagtail's PostgreSQL search matches against (PostgreSQL only).

Wagtail's database backend filters with ``(title || body) @@ to_tsquery(...)`` on ``wagtailsearch_indexentry``.
Its own GIN indexes cover ``title`` and ``body`` separately, which that concatenation cannot use, so every search
read every index row. This index covers the expression itself; ``python -m bench.search`` shows the difference.
SQLite searches through FTS5 and needs nothing.
"""

from django.db import migrations

INDEX = "lessons_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin (("title" || "body"))'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0004_remove_coursepage_auto_issue_certificate"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
