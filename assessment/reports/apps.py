from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "assessment.reports"
    label = "reports"
    verbose_name = "Reports"
