from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("read-aloud/", include("readaloud.urls")),
    path("", include("certificates.badges.public_urls")),
    path("", include("offline.urls_root")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("learners.urls")),
    path("learning/", include("lessons.urls")),
    path("practice/", include("practice.urls")),
    path("classes/", include("classes.urls")),
    path("offline/", include("offline.urls")),
    path("", include("certificates.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
