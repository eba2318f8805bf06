"""Documents a credential points at: no language prefix, stable URLs (included from ``lms/urls.py``)."""

from django.urls import path

from . import views

app_name = "badges"
urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("badges/issuer", views.issuer, name="issuer"),
    path("badges/centres/<id:pk>", views.centre, name="centre"),
    path("badges/achievements/<id:pk>", views.achievement, name="achievement"),
    path("badges/achievements/<id:pk>/image.png", views.achievement_image, name="achievement_image"),
    path("badges/status/<int:number>", views.status_list, name="status_list"),
    path("badges/<str:code>/preview.png", views.preview, name="preview"),
]
