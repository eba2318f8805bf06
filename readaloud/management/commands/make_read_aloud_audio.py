"""Make (or remake) the server's read-aloud audio now, without the task worker: every live page that can be
read aloud, or the pages given by id. Pages whose live revision already has its audio are skipped unless
``--force``."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from readaloud.models import LessonAudio
from readaloud.services import make_page_audio


class Command(BaseCommand):
    help = "Make the read-aloud audio of live lessons and quizzes (espeak-ng + opusenc)."

    def add_arguments(self, parser):
        parser.add_argument("page_ids", nargs="*", type=int, help="only these pages")
        parser.add_argument("--force", action="store_true", help="remake audio that already exists")

    def handle(self, *page_ids, **options):
        pages = Page.objects.live().specific()
        if options["page_ids"]:
            pages = pages.filter(pk__in=options["page_ids"])
        made = skipped = failed = 0
        for page in pages:
            if not hasattr(page, "read_aloud_parts") or page.live_revision_id is None:
                continue
            done = LessonAudio.objects.filter(page=page, revision_id=page.live_revision_id, status="ready")
            if done.exists() and not options["force"]:
                skipped += 1
                continue
            for audio in make_page_audio(page):
                if audio.status == LessonAudio.Status.READY:
                    made += 1
                else:
                    failed += 1
                    self.stderr.write(f"page {page.pk} part {audio.part}: {audio.error}")
        self.stdout.write(f"read-aloud audio: {made} made, {failed} failed, {skipped} pages already done")
