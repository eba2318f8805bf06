from django.urls import path

from . import views
from .badges.urls import urlpatterns as badge_urlpatterns

app_name = "certificates"
urlpatterns = [
    path("certificates/<id:pk>/pdf/", views.download, name="download"),
    *badge_urlpatterns,
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
]
