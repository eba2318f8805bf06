from django.core.management.base import BaseCommand, CommandError

from lms.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media files into a new folder under TARGET (lms/backups.py)."

    def add_arguments(self, parser):
        parser.add_argument("target", help="folder to hold the new backup folder")

    def handle(self, target, **options):
        try:
            folder = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
