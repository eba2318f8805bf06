"""Admin URLs, mounted under /admin/centre-reports/ by wagtail_hooks (so Wagtail checks admin access)."""

from django.urls import include, path

from . import views

learners = [
    path("", views.LearnerListView.as_view(), name="learners"),
    path("class/", views.ClassImportView.as_view(), name="class_import"),
    path("class/<uuid:key>/", views.ClassSheetView.as_view(), name="class_sheet"),
]

app_name = "reports_admin"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("learners/", include(learners)),
    path("export/<slug:report>.<slug:fmt>", views.ExportView.as_view(), name="export"),
    path("attendance/session/<id:session>.<slug:fmt>", views.SessionSheetView.as_view(), name="session_sheet"),
]
