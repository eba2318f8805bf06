from django.urls import path

from . import views

app_name = "readaloud"
urlpatterns = [
    path("<id:page_id>/<id:revision_id>/<slug:part>.opus", views.audio, name="audio"),
]
