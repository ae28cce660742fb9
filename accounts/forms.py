"""Field validation for accounts: the one definition, used by pages, the API and services."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import SECRET_ANSWERS_REQUIRED, SecretQuestion, User, normalize_password
from accounts.secrets import MAX_ANSWER_LENGTH, MIN_ANSWER_LENGTH, normalize_answer
from accounts.usernames import normalize_username
from accounts.validators import MAX_LENGTH, MIN_LENGTH

GENERIC_SIGN_IN_FAILURE = _(
    "The account name or password is not right, or the account cannot sign in just "
    "now. Check both and try again, or reset your password."
)
PASSWORD_HELP = format_lazy(
    _(
        "At least {min} and at most {max} characters. A passphrase of several words is easy "
        "to remember and hard to guess. It must not contain your account name, e-mail "
        "address, organization's name or the operator's name."
    ),
    min=MIN_LENGTH,
    max=MAX_LENGTH,
)


class SignInForm(AuthenticationForm):
    """The sign-in form: one generic message for every kind of failure."""

    error_messages = {
        "invalid_login": GENERIC_SIGN_IN_FAILURE,
        "inactive": GENERIC_SIGN_IN_FAILURE,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Account name")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


def _password_field(label: str, autocomplete: str = "new-password", help_text: str = ""):
    return forms.CharField(
        label=label,
        strip=False,
        # The length rule is the validators' (with a reason); this only bounds the input.
        max_length=1024,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class NewPasswordMixin:
    """A new password typed twice and checked against the password rules for `user`."""

    password_user = None

    def clean_new_password2(self):
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data.get("new_password2")
        if first is not None and second is not None:
            if normalize_password(first) != normalize_password(second):
                raise forms.ValidationError(_("The two passwords are not the same."))
            password_validation.validate_password(first, self.password_user)
        return second


# --- Secret questions ---------------------------------------------------------------------


def _question_field(number: int) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=format_lazy(_("Question {number}"), number=number),
        queryset=SecretQuestion.objects.filter(is_active=True),
        empty_label=_("Choose a question"),
        error_messages={
            "required": format_lazy(_("Choose question {number}."), number=number),
            "invalid_choice": _("Choose one of the questions in the list."),
        },
    )


def _answer_field(number: int) -> forms.CharField:
    return forms.CharField(
        label=format_lazy(_("Answer {number}"), number=number),
        max_length=MAX_ANSWER_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class SecretAnswersForm(forms.Form):
    """Three different questions from the operator's list, each with an answer.

    `user` and `password` (the account's password, when known) let it refuse answers that
    give the account away."""

    question_1 = _question_field(1)
    answer_1 = _answer_field(1)
    question_2 = _question_field(2)
    answer_2 = _answer_field(2)
    question_3 = _question_field(3)
    answer_3 = _answer_field(3)

    def __init__(self, *args, user=None, password: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.password = password

    def _forbidden_answers(self) -> dict[str, str]:
        forbidden = {}
        if self.user is not None:
            for value, what in [
                (
                    getattr(self.user, "username", ""),
                    _("The answer must not be your account name: choose a different one."),
                ),
                (
                    getattr(self.user, "email", ""),
                    _("The answer must not be your e-mail address: choose a different one."),
                ),
            ]:
                if value:
                    forbidden[normalize_answer(value)] = what
        if self.password:
            forbidden[normalize_answer(self.password)] = _(
                "The answer must not be your password: choose a different one."
            )
        return forbidden

    def clean(self):
        cleaned = super().clean()
        forbidden = self._forbidden_answers()
        seen = set()
        for n in range(1, SECRET_ANSWERS_REQUIRED + 1):
            question = cleaned.get(f"question_{n}")
            if question is not None:
                if question.pk in seen:
                    self.add_error(f"question_{n}", _("Choose a different question for each."))
                seen.add(question.pk)
            answer = cleaned.get(f"answer_{n}")
            if answer is None:
                continue
            normalized = normalize_answer(answer)
            if len(normalized) < MIN_ANSWER_LENGTH:
                self.add_error(
                    f"answer_{n}",
                    format_lazy(
                        _("Use an answer of at least {count} characters."),
                        count=MIN_ANSWER_LENGTH,
                    ),
                )
            elif normalized in forbidden:
                self.add_error(f"answer_{n}", forbidden[normalized])
        return cleaned

    def pairs(self) -> list[tuple[SecretQuestion, str]]:
        return [
            (self.cleaned_data[f"question_{n}"], self.cleaned_data[f"answer_{n}"])
            for n in range(1, SECRET_ANSWERS_REQUIRED + 1)
        ]


class ChangeSecretAnswersForm(SecretAnswersForm):
    """Changing the answers needs the current password (checked by the service)."""

    current_password = _password_field(_("Your current password"), "current-password")

    field_order = ["current_password"]


# --- Password reset -----------------------------------------------------------------------


class PasswordResetRequestForm(forms.Form):
    username = forms.CharField(
        label=_("Account name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class AccountNameReminderForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The business e-mail address registered for you with the operator."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PasswordResetConfirmForm(NewPasswordMixin, forms.Form):
    """Answers to the account's own questions, and a new password."""

    new_password1 = _password_field(_("New password"), help_text=PASSWORD_HELP)
    new_password2 = _password_field(_("New password again"))

    def __init__(self, *args, user=None, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.password_user = user
        answer_fields = {}
        for question in questions:
            answer_fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                max_length=MAX_ANSWER_LENGTH,
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            )
        # The questions come first on the page.
        self.fields = {**answer_fields, **self.fields}
        self.questions = list(questions)

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


# --- Invitations --------------------------------------------------------------------------


class AccountSetupForm(NewPasswordMixin, SecretAnswersForm):
    """An invited person chooses an account name and password and answers three questions."""

    username = forms.CharField(
        label=_("Account name"),
        max_length=150,
        min_length=3,
        validators=[UnicodeUsernameValidator()],
        help_text=_("3 to 150 characters: letters, digits and @ . + - _ only. Not case-sensitive."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    new_password1 = _password_field(_("Password"), help_text=PASSWORD_HELP)
    new_password2 = _password_field(_("Password again"))

    field_order = ["username", "new_password1", "new_password2"]

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_username(self):
        # Folded as the sign-in form folds it: a look-alike of a taken name is taken.
        username = normalize_username(self.cleaned_data["username"])
        UnicodeUsernameValidator()(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This account name is taken: choose another."))
        return username

    def _pending_user(self) -> User:
        pending = User(
            username=self.cleaned_data.get("username", ""),
            email=getattr(self.person, "email", ""),
        )
        pending.invited_person = self.person
        return pending

    def clean_new_password2(self):
        # The password is checked against the account being created (fields clean in order).
        self.password_user = self._pending_user()
        return super().clean_new_password2()

    def clean(self):
        self.user = self._pending_user()
        self.password = self.data.get("new_password1")
        return super().clean()


class ChangePasswordForm(NewPasswordMixin, forms.Form):
    """The current password (checked by the service) and a new one, typed twice."""

    current_password = _password_field(_("Your current password"), "current-password")
    current_password.required = False  # missing is refused by the service, like wrong
    current_password.widget.attrs["required"] = True  # ... but it is required, in words too
    new_password1 = _password_field(_("New password"), help_text=PASSWORD_HELP)
    new_password2 = _password_field(_("New password again"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.password_user = user


class ConfirmPasswordForm(forms.Form):
    password = _password_field(_("Your password"), "current-password")

    def __init__(self, *args, with_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"] = CodeForm.base_fields["code"]


class CodeForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code from your authenticator app (or a recovery code)"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )
