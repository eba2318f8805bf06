from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("<id:page_id>/<str:activity_key>/", views.act, name="act"),
    path("<id:page_id>/<str:activity_key>/again/", views.again, name="again"),
]
