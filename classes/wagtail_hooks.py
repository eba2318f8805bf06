from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lessons import hooks as lesson_hooks
from lms.admin_menu import RuleMenuItem

from . import admin_urls
from .permissions import can_use_classes


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("classes/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_classes_menu():
    return RuleMenuItem(_("Classes"), reverse("classes_admin:list"), rule=can_use_classes, icon_name="group", order=240)


@hooks.register(lesson_hooks.MY_LEARNING_EXTRAS)
def my_learning_classes():
    """ "My classes", "join a class" and "check in" links on My learning."""
    return "classes/_my_learning.html"
