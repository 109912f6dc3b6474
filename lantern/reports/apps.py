from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lantern.reports"
    label = "reports"
