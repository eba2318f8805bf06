from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Centre


class CentreViewSet(SnippetViewSet):
    """Centres in the Wagtail admin: searched in the database by name, province, district or code."""

    model = Centre
    icon = "home"
    menu_label = _("Centres")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name_th", "name_en", "kind", "province", "district", "code"]
    list_filter = ["province", "kind"]
    search_fields = ["name_th", "name_en", "province", "district", "code"]
    search_backend_name = None
    list_per_page = 50


register_snippet(CentreViewSet)
