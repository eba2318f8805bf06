import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
application = get_wsgi_application()

# Load the Thai word list (about 1.4 s) at start-up rather than on the first search.
from lessons.search import segment  # noqa: E402

segment("ตั้งรหัสผ่าน")
