"""Admin URLs, mounted under /admin/classes/ by wagtail_hooks (so Wagtail checks admin access)."""

from django.urls import path

from . import admin_views as views

app_name = "classes_admin"
urlpatterns = [
    path("", views.ClassListView.as_view(), name="list"),
    path("new/", views.ClassCreateView.as_view(), name="create"),
    path("policy/<id:centre>/", views.PolicyView.as_view(), name="policy"),
    path("<id:pk>/", views.ClassDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", views.ClassEditView.as_view(), name="edit"),
    path("<id:pk>/sessions/", views.SessionAddView.as_view(), name="add_session"),
    path("<id:pk>/members/", views.MemberAddView.as_view(), name="add_member"),
    path("<id:pk>/members/<id:user_id>/remove/", views.MemberRemoveView.as_view(), name="remove_member"),
    path("<id:pk>/board/", views.BoardView.as_view(), name="board"),
    path("sessions/<id:session>/check-in/", views.CheckInScreenView.as_view(), name="check_in_screen"),
    path("sessions/<id:session>/roster/", views.RosterView.as_view(), name="roster"),
]
