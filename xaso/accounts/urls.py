from django.urls import path

from . import views

urlpatterns = [
    path("communes/<int:pk>/users/", views.commune_users, name="commune_users"),
    path("account/", views.account, name="account"),
    path("account/password/", views.PasswordChange.as_view(), name="password_change"),
    path("account/api-keys/", views.api_tokens, name="api_tokens"),
    path("login/code/", views.second_factor_verify, name="second_factor_verify"),
    path("login/code/setup/", views.second_factor_setup, name="second_factor_setup"),
]
