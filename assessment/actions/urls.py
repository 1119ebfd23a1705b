from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("a/<str:token>/compare/regimes/", views.regimes, name="regimes"),
    path("a/<str:token>/changes/", views.changes, name="changes"),
    path("a/<str:token>/actions/", views.plan, name="plan"),
    path("a/<str:token>/actions/<int:action_id>/", views.update, name="update"),
    path("a/<str:token>/actions/<int:action_id>/comment/", views.comment, name="comment"),
    path("a/<str:token>/actions.xlsx", views.export_xlsx, name="export_xlsx"),
    path("a/<str:token>/actions.csv", views.export_csv, name="export_csv"),
]
