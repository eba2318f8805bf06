from django.urls import path

from . import views

app_name = "learners"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("sign-up/", views.signup, name="signup"),
    path("centres/", views.centre_picker, name="centre_picker"),
    path("forgot-password/", views.forgot_password, name="forgot_password"),
    path("display/", views.display_settings, name="display"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/my-data.json", views.my_data_export, {"fmt": "json"}, name="my_data_json"),
    path("my-data/my-data.csv", views.my_data_export, {"fmt": "csv"}, name="my_data_csv"),
    path("my-data/delete/", views.request_deletion, name="request_deletion"),
    path("my-data/delete/cancel/", views.cancel_deletion, name="cancel_deletion"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/learners/new/", views.staff_create_learner_view, name="staff_create_learner"),
    path("staff/learners/<id:user_id>/reset-password/", views.staff_reset_password_view, name="staff_reset_password"),
    path("staff/deletion-requests/<id:request_id>/", views.staff_confirm_deletion, name="staff_confirm_deletion"),
]
