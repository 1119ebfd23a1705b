from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessment.assessments"
    label = "assessments"
    verbose_name = "Assessments"
