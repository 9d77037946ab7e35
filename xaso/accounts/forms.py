"""The commune officer's form for adding a person to the commune with a role."""

from django import forms
from django.contrib.auth import get_user_model, password_validation

from .models import COMMUNE_OFFICER, LEADER, ROLES, UNIT_REPORTER

COMMUNE_ROLES = [(code, label) for code, label in ROLES if code in (COMMUNE_OFFICER, UNIT_REPORTER, LEADER)]


class MemberForm(forms.Form):
    username = forms.RegexField(label="Tên đăng nhập", max_length=150, regex=r"^[\w.@+-]+\Z",
                                error_messages={"invalid": "Tên đăng nhập chỉ gồm chữ, số và các ký tự . @ + - _"})
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    role = forms.ChoiceField(label="Vai trò", choices=COMMUNE_ROLES)
    unit = forms.ModelChoiceField(label="Đơn vị (với người báo cáo)", queryset=None, required=False)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["unit"].queryset = commune.units.all()
        self.fields["password"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Tên đăng nhập này đã có người dùng.")
        return username

    def clean(self):
        data = super().clean()
        if data.get("role") == UNIT_REPORTER and not data.get("unit"):
            self.add_error("unit", "Người báo cáo phải thuộc một đơn vị.")
        if data.get("password") and data.get("username"):
            user = get_user_model()(username=data["username"], first_name=data.get("full_name", ""),
                                    email=data.get("email", ""))
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
