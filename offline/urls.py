from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("courses/<id:course_id>/pack/", views.pack, name="pack"),
    path("quizzes/<id:page_id>/questions/", views.quiz, name="quiz"),
    path("unavailable/", views.unavailable, name="unavailable"),
    path("sync/", views.sync_view, name="sync"),
]
