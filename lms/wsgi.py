import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
application = get_wsgi_application()

# Load the Thai word list (about 1.4 s) and the romaniser at start-up (gunicorn preloads, then forks), rather
# than in the first search, the first page saved with a Thai title or the first class-accounts form.
from pythainlp.transliterate import romanize  # noqa: E402

from lessons.search import segment  # noqa: E402

segment("ตั้งรหัสผ่าน")
romanize("สมชาย", engine="royin")
