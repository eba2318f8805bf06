from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassesConfig(AppConfig):
    name = "classes"
    verbose_name = _("Classes")

    def ready(self):
        """Add the "My classes" links to "My learning" through the lessons app's extension point."""
        from lessons import services as lessons_services

        extras = getattr(lessons_services, "my_learning_extras", None)
        if extras is not None and "classes/_my_learning.html" not in extras:
            extras.append("classes/_my_learning.html")
