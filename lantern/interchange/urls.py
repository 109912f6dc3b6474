from django.urls import path

from lantern.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
    path("annex-a/", views.annex_a, name="annex_a"),
    path("annex-a/list-8.xlsx", views.annex_a_list8, name="annex_a_list8"),
]
