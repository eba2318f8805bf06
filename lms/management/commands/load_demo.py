"""Load the bilingual demo: site pages, courses, centres and demo accounts. Safe to run again."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data exposes ``<app>.demo.load(stdout)``; order matters (lower apps first).
DEMO_LOADERS = ["learners.demo", "lessons.demo", "quizzes.demo", "practice.demo", "certificates.demo"]


class Command(BaseCommand):
    help = "Create or update the bilingual demo content and demo accounts (idempotent)."

    def handle(self, *args, **options):
        for module_name in DEMO_LOADERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
