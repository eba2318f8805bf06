from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("<id:page_id>/start/", views.start, name="start"),
    path("<id:page_id>/answer/", views.answer, name="answer"),
    path("<id:page_id>/current/", views.current, name="current"),
]
