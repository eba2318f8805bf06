from django.urls import path

from . import search_views

app_name = "lessons"
urlpatterns = [
    path("search/", search_views.search, name="search"),
]
