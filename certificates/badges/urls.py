"""Learner and verifier pages for badges, inside the certificates URL namespace (language-prefixed)."""

from django.urls import path

from . import views

urlpatterns = [
    path("certificates/<id:pk>/badge.json", views.download_json, name="badge_json"),
    path("certificates/<id:pk>/badge.png", views.download_png, name="badge_png"),
    path("certificates/<id:pk>/share/", views.share, name="badge_share"),
    path("badges/<str:code>/", views.share_page, name="badge_share_page"),
    path("verify/badge/", views.verify_credential, name="verify_credential"),
]
