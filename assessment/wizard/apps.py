from django.apps import AppConfig


class WizardConfig(AppConfig):
    name = "assessment.wizard"
    label = "wizard"
    verbose_name = "Wizard"
