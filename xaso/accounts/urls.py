from django.urls import path

from . import views

urlpatterns = [
    path("communes/<int:pk>/users/", views.commune_users, name="commune_users"),
    path("account/api-keys/", views.api_tokens, name="api_tokens"),
]
