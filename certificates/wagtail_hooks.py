from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_manage_certificates

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("awaiting/", admin_views.awaiting, name="awaiting"),
    path("issue/", admin_views.issue, name="issue"),
    path("bulk/", admin_views.bulk_issue, name="bulk_issue"),
    path("bulk/<id:pk>/", admin_views.job, name="job"),
    path("<id:pk>/revoke/", admin_views.revoke, name="revoke"),
    path("<id:pk>/reissue/", admin_views.reissue, name="reissue"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("certificates/", include((admin_urlpatterns, "certificates_admin"), namespace="certificates_admin"))]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_certificates(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return CertificatesMenuItem(_("Certificates"), reverse("certificates_admin:index"), icon_name="doc-full", order=250)
