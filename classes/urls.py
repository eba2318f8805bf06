from django.urls import path

from . import views

app_name = "classes"
urlpatterns = [
    path("", views.my_classes, name="mine"),
    path("join/", views.join, name="join"),
    path("check-in/", views.check_in, name="check_in"),
]
