from django.core.management.base import BaseCommand

from reports.services import refresh_figures


class Command(BaseCommand):
    help = "Rebuild the figures the staff and national dashboards read (e.g. from cron every 15 minutes)."

    def handle(self, *args, **options):
        refresh = refresh_figures()
        self.stdout.write(f"Figures rebuilt in {refresh.seconds:.1f} s.")
