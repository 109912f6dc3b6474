from django.urls import path

from lantern.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
]
