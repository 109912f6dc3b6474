from django.urls import path

from lantern.nrm import views

app_name = "nrm"
urlpatterns = [
    path("", views.pending, name="pending"),
    path("uasc/", views.uasc, name="uasc_list"),
    path("uasc/<uuid:child_id>/", views.uasc_record, name="uasc_record"),
    path("uasc/<uuid:child_id>/edit/", views.uasc_edit, name="uasc_edit"),
]
