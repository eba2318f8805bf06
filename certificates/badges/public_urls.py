"""Documents a credential points at: no language prefix, stable URLs (included from ``lms/urls.py``)."""

from django.urls import include, path

from . import views

achievements = [
    path("<id:pk>", views.achievement, name="achievement"),
    path("<id:pk>/image.png", views.achievement_image, name="achievement_image"),
]
badges = [
    path("issuer", views.issuer, name="issuer"),
    path("centres/<id:pk>", views.centre, name="centre"),
    path("achievements/", include(achievements)),
    path("status/<int:number>", views.status_list, name="status_list"),
    path("<str:code>/preview.png", views.preview, name="preview"),
]

app_name = "badges"
urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("badges/", include(badges)),
]
