"""How django-axes counts failures: one counter per account, whatever its spelling."""

from django.shortcuts import render


def normalize_username(raw: str | None) -> str:
    return (raw or "").strip().lower()


def username_from_request(request, credentials) -> str:
    raw = None
    if credentials:
        raw = credentials.get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return normalize_username(raw)


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """A locked account gets the same answer as a wrong password: no account enumeration."""
    from accounts.forms import SignInForm

    form = SignInForm(request, data=request.POST or None)
    form.is_valid()  # populate cleaned data for redisplay
    form._errors = {}
    form.add_error(None, SignInForm.error_messages["invalid_login"])
    return render(request, "registration/login.html", {"form": form}, status=200)
