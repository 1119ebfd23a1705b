from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("a/<str:token>/result/", views.result, name="result"),
]
