from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "lantern.activity"
    label = "activity"
