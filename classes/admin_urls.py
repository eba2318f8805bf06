"""Admin URLs, mounted under /admin/classes/ by wagtail_hooks (so Wagtail checks admin access)."""

from django.urls import include, path

from . import admin_views as views

one_class = [
    path("", views.ClassDetailView.as_view(), name="detail"),
    path("edit/", views.ClassEditView.as_view(), name="edit"),
    path("sessions/", views.SessionAddView.as_view(), name="add_session"),
    path("members/", views.MemberAddView.as_view(), name="add_member"),
    path("members/<id:user_id>/remove/", views.MemberRemoveView.as_view(), name="remove_member"),
    path("board/", views.BoardView.as_view(), name="board"),
]
one_session = [
    path("check-in/", views.CheckInScreenView.as_view(), name="check_in_screen"),
    path("roster/", views.RosterView.as_view(), name="roster"),
]

app_name = "classes_admin"
urlpatterns = [
    path("", views.ClassListView.as_view(), name="list"),
    path("new/", views.ClassCreateView.as_view(), name="create"),
    path("policy/<id:centre>/", views.PolicyView.as_view(), name="policy"),
    path("<id:pk>/", include(one_class)),
    path("sessions/<id:session>/", include(one_session)),
]
