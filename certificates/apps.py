from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lessons import services as lessons_services

        from .services import certificate_destinations, on_course_complete, on_user_deleted

        pre_delete.connect(on_user_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="certificates.withdraw")

        lessons_services.completed_course_destination.connect(certificate_destinations, dispatch_uid="certificates")
        if on_course_complete not in lessons_services.completion_listeners:
            lessons_services.completion_listeners.append(on_course_complete)
        for name, template in [
            ("my_learning_extras", "certificates/_my_certificates.html"),
            ("course_page_extras", "certificates/_course_page_certificate.html"),
        ]:
            extras = getattr(lessons_services, name, None)
            if extras is not None and template not in extras:
                extras.append(template)
