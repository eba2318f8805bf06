from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("<int:page_id>/start/", views.start, name="start"),
    path("<int:page_id>/answer/", views.answer, name="answer"),
    path("<int:page_id>/current/", views.current, name="current"),
]
