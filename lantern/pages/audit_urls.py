from django.urls import path

from lantern.pages import audit_trail

app_name = "audit"
urlpatterns = [
    path("", audit_trail.audit_list, name="list"),
]
