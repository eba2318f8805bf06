from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Community Digital Centre LMS"

    def ready(self):
        from django.urls import register_converter

        from . import sites
        from .inputs import IdConverter

        register_converter(IdConverter, "id")
        sites.connect()
