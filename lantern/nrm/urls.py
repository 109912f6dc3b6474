from django.urls import path

from lantern.nrm import views

app_name = "nrm"
urlpatterns = [
    path("", views.pending, name="pending"),
]
