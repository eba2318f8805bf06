from django.urls import path

from . import search_views, views

app_name = "lessons"
urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("", views.my_learning, name="my_learning"),
    path("courses/<id:course_id>/lessons/<id:lesson_id>/done/", views.mark_done, name="mark_done"),
]
