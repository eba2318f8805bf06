"""``manage.py import_centres FILE.csv``: load or update centres by code; all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from learners.centres import CSV_COLUMNS, CentreImportError, import_centres


class Command(BaseCommand):
    help = (
        f"Load or update centres from a UTF-8 CSV file with columns {','.join(CSV_COLUMNS)}. "
        "Changes nothing when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}) from exc
        try:
            counts = import_centres(data)
        except CentreImportError as exc:
            for line, message in exc.errors:
                self.stderr.write(_("line %(line)s: %(message)s") % {"line": line, "message": message})
            raise CommandError(
                _("%(count)s error(s) in %(file)s; nothing was changed.") % {"count": len(exc.errors), "file": file}
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(_("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % counts)
        )
