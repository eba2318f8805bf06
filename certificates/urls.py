"""Learner and verifier pages of certificates and their badges (language-prefixed); the documents a credential
points at have stable URLs without a language prefix in ``badges/public_urls.py``."""

from django.urls import include, path

from . import views
from .badges import views as badge_views

one_certificate = [
    path("pdf/", views.download, name="download"),
    path("badge.json", badge_views.download_json, name="badge_json"),
    path("badge.png", badge_views.download_png, name="badge_png"),
    path("share/", badge_views.share, name="badge_share"),
]
verify = [
    path("", views.verify, name="verify"),
    path("badge/", badge_views.verify_credential, name="verify_credential"),  # before <code>
    path("<str:code>/", views.verify_code, name="verify_code"),
]

app_name = "certificates"
urlpatterns = [
    path("certificates/<id:pk>/", include(one_certificate)),
    path("badges/<str:code>/", badge_views.share_page, name="badge_share_page"),
    path("verify/", include(verify)),
]
