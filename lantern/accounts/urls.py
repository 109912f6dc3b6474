from django.urls import path

from lantern.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("logout/", views.logout, name="logout"),
    path("session-ended/", views.session_ended, name="session_ended"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path(
        "users/<int:pk>/reset-second-factor/",
        views.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("teams/new/", views.team_new, name="team_new"),
    path("teams/<int:pk>/", views.team_edit, name="team_edit"),
]
