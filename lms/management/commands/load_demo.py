"""Load the bilingual demo: site pages, courses, centres and demo accounts. Safe to run again.

Each app with demo data has a ``demo`` module with ``load(stdout)``, found the way Django finds an app's
management commands and Wagtail its ``wagtail_hooks``: apps load in ``INSTALLED_APPS`` order, which lists lower
apps first, so lessons' courses exist before quizzes and practice add to them.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


def demo_modules():
    """The ``demo`` modules of the installed apps, lower apps first."""
    return [
        import_module(f"{app.name}.demo") for app in apps.get_app_configs() if module_has_submodule(app.module, "demo")
    ]


class Command(BaseCommand):
    help = "Create or update the bilingual demo content and demo accounts (idempotent)."

    def handle(self, *args, **options):
        for module in demo_modules():
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
