from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """The sign-in form: one generic message for every kind of failure."""

    error_messages = {
        "invalid_login": (
            "The account name or password is not right, or the account cannot sign in just "
            "now. Check both and try again, or reset your password."
        ),
        "inactive": (
            "The account name or password is not right, or the account cannot sign in just "
            "now. Check both and try again, or reset your password."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Account name"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
