from django.urls import include, path

from . import views

my_data = [
    path("", views.my_data, name="my_data"),
    path("my-data.json", views.my_data_export, {"fmt": "json"}, name="my_data_json"),
    path("my-data.csv", views.my_data_export, {"fmt": "csv"}, name="my_data_csv"),
    path("delete/", views.request_deletion, name="request_deletion"),
    path("delete/cancel/", views.cancel_deletion, name="cancel_deletion"),
]
staff = [
    path("", views.staff_home, name="staff_home"),
    path("learners/new/", views.staff_create_learner_view, name="staff_create_learner"),
    path("learners/<id:user_id>/reset-password/", views.staff_reset_password_view, name="staff_reset_password"),
    path("deletion-requests/<id:request_id>/", views.staff_confirm_deletion, name="staff_confirm_deletion"),
]

app_name = "learners"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("sign-up/", views.signup, name="signup"),
    path("centres/", views.centre_picker, name="centre_picker"),
    path("forgot-password/", views.forgot_password, name="forgot_password"),
    path("display/", views.display_settings, name="display"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("my-data/", include(my_data)),
    path("staff/", include(staff)),
]
