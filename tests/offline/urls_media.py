"""The project's URLs plus uploaded media, for browser tests that save pictures offline (nginx serves
/media/ in production; the live test server does not)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from lms.urls import urlpatterns as project_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *project_urlpatterns]
