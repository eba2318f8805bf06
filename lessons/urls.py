from django.urls import path

from . import search_views, views

app_name = "lessons"
urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("", views.my_learning, name="my_learning"),
]
