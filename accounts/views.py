"""Pages: sign-in and out, confirming the password, secret questions, password reset and
accepting an invitation."""

import functools
from urllib.parse import urlencode

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from accounts import language, services, sessions, two_factor
from accounts.backends import BACKEND
from accounts.forms import (
    AccountNameReminderForm,
    AccountSetupForm,
    ChangePasswordForm,
    ChangeSecretAnswersForm,
    CodeForm,
    ConfirmPasswordForm,
    PasswordResetConfirmForm,
    PasswordResetRequestForm,
    SignInForm,
)
from accounts.throttling import render_sign_in
from core import reauth
from core.errors import DomainError, Invalid, NotFound
from core.forms import show_errors
from core.text import end_sentence, sentence
from core.views import attempt

RESET_SESSION_KEY = "accounts.reset_link"
INVITATION_SESSION_KEY = "accounts.invitation"


def _bind_errors(form, exc: Invalid) -> None:
    show_errors(form, exc, rename={"new_password": "new_password1"})


def _change_own_account(request, form, change) -> bool:
    """A change to one's own account confirmed with the current password: the service `change`
    with the form's data. True when it is made (this session stays signed in, with the password
    as it is now stored: a password change ends the other sessions, a check may rehash it);
    False when the form now says why not (a wrong current password under that field)."""
    try:
        user = change(request.user, data=request.POST.dict(), actor=request.user)
    except Invalid as exc:
        _bind_errors(form, exc)
        return False
    except DomainError as exc:
        form.add_error("current_password", exc.message)
        return False
    update_session_auth_hash(request, user)
    return True


def no_referrer(view):
    """An address carrying an e-mailed token must not leak it through the Referer.

    Only those addresses: they redirect at once to a page without the token. Pages with forms
    keep the site's same-origin policy, because under `no-referrer` browsers send
    `Origin: null` with a form, which the CSRF check rightly refuses."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


# --- Sign in and out ----------------------------------------------------------------------

# Signing in may end, through the single sign-on authorization, in a redirect to an
# information system's own address; browsers hold a form's redirects to `form-action`, so the
# sign-in forms (and only they: they show nothing but their own fields) allow HTTPS targets.
sign_in_form_action = csp_update({"form-action": ["https:"]})


@method_decorator(login_not_required, name="dispatch")
@method_decorator(sign_in_form_action, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        return render_sign_in(self.request, form)

    def form_valid(self, form):
        user = form.get_user()
        # The password was right: claim the account for this sign-in (its last sign-in
        # stamped at once), unless the dormancy sweep disabled it a moment ago.
        if not services.record_sign_in(user):
            form.add_error(None, form.error_messages["inactive"])
            return self.form_invalid(form)
        if two_factor.is_enrolled(user):
            two_factor.hold_sign_in(self.request, user, self.get_redirect_url())
            return redirect("sign-in-code")
        return super().form_valid(form)

    def get_success_url(self):
        url = super().get_success_url()
        if not self.request.user.has_secret_answers:
            messages.info(
                self.request,
                _(
                    "Set up your secret questions now, so that you can reset your password "
                    "yourself if you ever forget it."
                ),
            )
            return f"{reverse('secret-questions')}?{urlencode({'next': url})}"
        return url


class SignOutView(auth_views.LogoutView):
    pass


@login_not_required
@require_POST
def set_language(request):
    """The language switcher on every page, the sign-in page included: Django's set_language
    sets the cookie and goes back to the page; a signed-in person's choice is also kept with
    their account, for their next sign-ins (accounts.language). Chosen before signing in, the
    choice is kept with the account at the sign-in that follows in the same browser session
    (a cookie left by someone else on a shared browser changes nobody's account)."""
    response = i18n_views.set_language(request)
    chosen = request.POST.get("language", "")
    if chosen not in dict(settings.LANGUAGES):
        return response
    if not request.user.is_authenticated:
        language.note_choice(request, chosen)
    else:
        try:
            user = services.set_language(request.user, language=chosen, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            request.user.language = user.language
    return response


@login_not_required
@never_cache
@require_POST
def keep_session_alive(request):
    """ "Stay signed in" before the idle timeout: JSON for the page's script, else a redirect
    back to the page (the same form works without JavaScript)."""
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    back = reauth.safe_next(request, request.POST.get("next")) or reverse("news")
    if not request.user.is_authenticated:
        if wants_json:
            return JsonResponse(
                {"detail": _("You have been signed out. Sign in again."), "code": "signed_out"},
                status=401,
            )
        return redirect(f"{reverse('login')}?{urlencode({'next': back}, safe='/')}")
    sessions.touch(request.session)
    seconds, absolute = sessions.seconds_left(request.session)
    if wants_json:
        return JsonResponse({"seconds_left": seconds, "absolute": absolute})
    messages.success(request, _("You are still signed in."))
    return redirect(back)


@login_not_required
@sign_in_form_action
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    """The second step of signing in, for accounts with a second factor."""
    from accounts.models import User

    pending = two_factor.pending_sign_in(request)
    if pending is None:
        messages.error(request, _("Sign in again: the sign-in took too long or was not started."))
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
        device = two_factor.match(user, form.cleaned_data["code"]) if user else None
        if device is not None:
            request.session.pop(two_factor.PENDING, None)
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(pending["next"] or settings.LOGIN_REDIRECT_URL)
        pending["tries"] += 1
        request.session[two_factor.PENDING] = pending
        if pending["tries"] >= two_factor.MAX_CODE_TRIES:
            request.session.pop(two_factor.PENDING, None)
            messages.error(request, _("Too many wrong codes. Sign in again."))
            return redirect("login")
        form.add_error("code", _("That code is not right. Try the current code from the app."))
    return render(request, "accounts/sign_in_code.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def reauthenticate(request):
    """Confirm the password before a sensitive change."""
    back = reauth.safe_next(request, request.POST.get("next") or request.GET.get("next"))
    back = back or reverse(settings.LOGIN_REDIRECT_URL)
    with_code = two_factor.is_enrolled(request.user)
    if request.method == "POST":
        form = ConfirmPasswordForm(request.POST, with_code=with_code)
        if form.is_valid():
            # Through authenticate(): a wrong password counts toward the account's lockout.
            user = authenticate(
                request,
                username=request.user.get_username(),
                password=form.cleaned_data["password"],
            )
            if getattr(request, "axes_locked_out", False):
                request.axes_locked_out = False
                logout(request)
                messages.error(request, SignInForm.error_messages["invalid_login"])
                return redirect("login")
            device = (
                two_factor.match(user, form.cleaned_data["code"]) if with_code and user else None
            )
            if with_code and user is not None and device is None:
                form.add_error("code", _("That code is not right."))
            elif user is not None and user.pk == request.user.pk:
                update_session_auth_hash(request, user)  # the check may have rehashed it
                if device is not None:
                    otp_login(request, device)
                reauth.mark_authenticated(request)
                messages.success(request, _("Thank you. You can continue."))
                return redirect(back)
            form.add_error("password", _("This password is not right."))
    else:
        form = ConfirmPasswordForm(with_code=with_code)
    return render(request, "accounts/reauthenticate.html", {"form": form, "next": back})


# --- Secret questions ---------------------------------------------------------------------


@never_cache
@reauth.reauth_required
@require_http_methods(["GET", "POST"])
def secret_questions(request):
    back = reauth.safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = ChangeSecretAnswersForm(
        request.POST or None, user=request.user, password=request.POST.get("current_password")
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _change_own_account(request, form, services.change_secret_answers)
    ):
        messages.success(request, _("Your secret questions and answers have been saved."))
        return redirect(back or "news")
    return render(
        request,
        "accounts/secret_questions.html",
        {"form": form, "next": back or "", "has_answers": request.user.has_secret_answers},
    )


# --- Second factor ------------------------------------------------------------------------


@never_cache
@reauth.reauth_required
@require_http_methods(["GET", "POST"])
def two_factor_settings(request):
    """Set up, confirm or remove the authenticator app; recovery codes are shown once."""
    user = request.user
    action = request.POST.get("action")
    context = {"enrolled": two_factor.is_enrolled(user), "form": CodeForm()}
    try:
        if action == "start":
            context["device"] = services.start_two_factor(user, actor=user)
        elif action == "confirm":
            form = CodeForm(request.POST)
            context["form"] = form
            if form.is_valid():
                device, codes = services.confirm_two_factor(
                    user, code=form.cleaned_data["code"], actor=user
                )
                otp_login(request, device)
                request.session.pop(two_factor.ORG_REQUIRES, None)
                messages.success(request, _("Your second factor is set up."))
                return render(request, "accounts/recovery_codes.html", {"codes": codes}, status=200)
            context["device"] = two_factor.pending_device(user)
        elif action == "disable":
            services.disable_two_factor(user, data=request.POST.dict(), actor=user)
            messages.success(request, _("The second factor has been removed from your account."))
            return redirect("two-factor")
    except Invalid as exc:
        context["form"].add_error("code", exc.fields.get("code", [exc.message])[0])
        context["device"] = two_factor.pending_device(user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("two-factor")
    context["setup"] = two_factor.setup_details(context.get("device"))
    context["codes_left"] = two_factor.recovery_codes_left(user)
    return render(request, "accounts/two_factor.html", context)


@require_http_methods(["GET", "POST"])
def organization_security(request, org_id: int):
    """An organization's security settings: readable by its members, changed by its
    Authorized Representatives."""
    from accounts.models import OrganizationSecurity
    from registry.access import get_organization_for
    from registry.rules import set_security_refusal

    org = get_organization_for(request.user, org_id)
    if request.method == "POST":
        return _change_organization_security(request, org)
    security = OrganizationSecurity.objects.filter(organization=org).first()
    return render(
        request,
        "accounts/organization_security.html",
        {
            "org": org,
            "required": bool(security and security.require_two_factor),
            "refusal": set_security_refusal(request.user, org),
        },
    )


@reauth.reauth_required
def _change_organization_security(request, org):
    required = request.POST.get("require_two_factor") == "yes"
    attempt(
        request,
        lambda: services.set_two_factor_requirement(org, required=required, actor=request.user),
        (
            f"{org.legal_name} now requires a second factor of every person, from their next "
            "sign-in."
            if required
            else f"A second factor is now optional for the people of {end_sentence(org.legal_name)}"
        ),
    )
    return redirect("organization-security", org_id=org.org_id)


@require_POST
@reauth.reauth_required
def reenable_account(request, org_id: int, person_id: int):
    """Enable again a member's account disabled for lack of sign-ins (the person's page in
    Update Contact(s) offers it to whoever `registry.rules.reenable_account_refusal` allows)."""
    from registry.access import get_member_for, get_organization_for

    org = get_organization_for(request.user, org_id)
    person = get_member_for(request.user, org, person_id)
    try:
        services.reenable_account(org, person, actor=request.user)
    except DomainError as exc:
        if reauth.needs_password(exc):
            return reauth.ask_for_password(request)
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            sentence(
                _("The account of {name} is enabled again: they can sign in as usual."),
                name=person.full_name,
            ),
        )
    return redirect("registry-person-roles", org_id=org.org_id, person_id=person.person_id)


# --- Password change ----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and _change_own_account(request, form, services.change_password)
    ):
        reauth.mark_authenticated(request)
        messages.success(
            request,
            _(
                "Your password has been changed. Your other sessions have been signed out and "
                "your API tokens revoked."
            ),
        )
        return redirect("me")
    return render(request, "accounts/change_password.html", {"form": form})


# --- Password reset -----------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset(request):
    if request.method == "POST":
        form = PasswordResetRequestForm(request.POST)
        if form.is_valid():
            services.request_password_reset(username=form.cleaned_data["username"])
            return redirect("password-reset-sent")
    else:
        form = PasswordResetRequestForm()
    return render(request, "accounts/password_reset.html", {"form": form})


@login_not_required
def password_reset_sent(request):
    return render(request, "accounts/password_reset_sent.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def account_name_reminder(request):
    """Forgot your account name? The account name(s) are e-mailed to the given address."""
    form = AccountNameReminderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.remind_account_names(email=form.cleaned_data["email"])
        return redirect("account-name-sent")
    return render(request, "accounts/account_name.html", {"form": form})


@login_not_required
def account_name_sent(request):
    return render(request, "accounts/account_name_sent.html")


def _link_invalid(request, exc: NotFound):
    """An e-mailed link that no longer works (used, expired, replaced or mistyped): why, 404."""
    return render(request, "accounts/link_invalid.html", {"message": exc.message}, status=404)


def _follow_link(request, find, session_key: str, then: str, *, sign_out: bool = False):
    """An e-mailed link: remember what `find()` finds in the session and take the token out of
    the URL (redirect to `then`); with `sign_out`, whoever is signed in is signed out first."""
    try:
        found = find()
    except NotFound as exc:
        return _link_invalid(request, exc)
    if sign_out and request.user.is_authenticated:
        logout(request)
    request.session[session_key] = found.pk
    return redirect(then)


@login_not_required
@no_referrer
@never_cache
def password_reset_link(request, token: str):
    return _follow_link(
        request,
        lambda: services.get_reset_link(token=token),
        RESET_SESSION_KEY,
        "password-reset-answer",
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_answer(request):
    """The account's secret questions and a new password."""
    try:
        link = services.get_reset_link(pk=request.session.get(RESET_SESSION_KEY))
    except NotFound:
        if request.method == "POST":
            services.record_reset_bypass()
        request.session.pop(RESET_SESSION_KEY, None)
        messages.error(
            request,
            _("Start from the link in your password-reset e-mail, or ask for a new one here."),
        )
        return redirect("password-reset")
    questions = services.reset_questions(link)
    form = PasswordResetConfirmForm(request.POST or None, user=link.user, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_password(
                link,
                answers=form.answers(),
                new_password=form.cleaned_data["new_password1"],
            )
        except Invalid as exc:
            _bind_errors(form, exc)
        except NotFound as exc:
            request.session.pop(RESET_SESSION_KEY, None)
            messages.error(request, exc.message)
            return redirect("password-reset")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            request.session.pop(RESET_SESSION_KEY, None)
            messages.success(
                request,
                _(
                    "Your password has been changed. Every session of your account has been "
                    "signed out and its API tokens revoked: sign in with your new password."
                ),
            )
            return redirect("login")
    return render(
        request,
        "accounts/password_reset_answer.html",
        {"form": form, "has_questions": bool(questions)},
    )


# --- Invitations --------------------------------------------------------------------------


@login_not_required
@no_referrer
@never_cache
def invitation_link(request, token: str):
    return _follow_link(
        request,
        lambda: services.get_invitation(token=token),
        INVITATION_SESSION_KEY,
        "invitation-accept",
        sign_out=True,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request):
    try:
        invitation = services.get_invitation(pk=request.session.get(INVITATION_SESSION_KEY))
    except NotFound as exc:
        request.session.pop(INVITATION_SESSION_KEY, None)
        return _link_invalid(request, exc)
    person = invitation.person
    form = AccountSetupForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(invitation, data=request.POST.dict())
        except Invalid as exc:
            _bind_errors(form, exc)
        except NotFound as exc:
            request.session.pop(INVITATION_SESSION_KEY, None)
            return _link_invalid(request, exc)
        else:
            request.session.pop(INVITATION_SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                sentence(
                    _("Welcome, {name}. Your account {account} is ready."),
                    name=person.first_name,
                    account=user.get_username(),
                ),
            )
            return redirect("news")
    return render(request, "accounts/invitation_accept.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def resend_invitation(request, person_id: int):
    """Operator staff: send a registered person a new invitation."""
    from registry.access import get_person_for

    person = get_person_for(request.user, person_id)
    if request.method == "POST":
        attempt(
            request,
            lambda: services.resend_invitation(person, actor=request.user),
            sentence(
                _("A new invitation has been sent to {name}; the previous one no longer works."),
                name=person.full_name,
            ),
        )
        return redirect("invitation-resend", person_id=person.person_id)
    return render(request, "accounts/resend_invitation.html", {"person": person})
