from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.start, name="start"),
    path("new/", views.new_assessment, name="new"),
    path("a/<str:token>/", views.wizard_view(), name="resume"),
    path("a/<str:token>/step/<str:step>/", views.wizard_view(), name="step"),
]
