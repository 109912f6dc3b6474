from django.urls import path

from lantern.pages import opmet

app_name = "opmet"
urlpatterns = [path("", opmet.op_met_list, name="list")]
