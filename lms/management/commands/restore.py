from django.core.management.base import BaseCommand, CommandError

from lms.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `backup` into the configured (empty) database and MEDIA_ROOT, "
        "then compare the row counts with the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a backup folder made by `manage.py backup`")
        parser.add_argument("--media-root", help="where the media files go (default: MEDIA_ROOT)")

    def handle(self, source, media_root=None, **options):
        try:
            expected, restored = restore(source, media_root=media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for label, count in expected.items():
            self.stdout.write(f"{label}: {restored.get(label)} (backup: {count})")
        if restored != expected:
            raise CommandError("The restored database does not hold what the backup's manifest lists.")
        self.stdout.write("Restore complete: every count matches the backup.")
