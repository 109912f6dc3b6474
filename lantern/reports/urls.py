from django.urls import path

from lantern.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("records/", views.figure_record_list, name="records"),
    path("download/", views.download, name="download"),
]
