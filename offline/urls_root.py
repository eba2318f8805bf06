"""The service worker is served from the site root: a worker's scope cannot be wider than its own path."""

from django.urls import path

from . import views

urlpatterns = [path("sw.js", views.service_worker, name="service_worker")]
