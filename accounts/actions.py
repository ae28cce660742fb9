"""Accounts' audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "account.signed_in",
        organization=False,
        done=gettext_noop("{actor} signed in."),
        attempt=gettext_noop("sign in"),
        service="account.sign_in_failed",
        refused=gettext_noop("A sign-in as “{account}” failed."),
    ),
    Action(
        "account.locked",
        organization=False,
        done=gettext_noop("The account “{account}” was locked after repeated failed sign-ins."),
        attempt=gettext_noop("sign in"),
        refused=gettext_noop("The account “{account}” was locked after repeated failed sign-ins."),
    ),
    Action(
        "account.created",
        organization=False,
        done=gettext_noop("{actor} set up an account for {target}."),
        attempt=gettext_noop("set up an account"),
        service="invitation.accept",
    ),
    Action(
        "invitation.sent",
        done=gettext_noop("{actor} invited {target} by e-mail to set up an account."),
        attempt=gettext_noop("send {target} a new invitation"),
        service="invitation.resend",
    ),
    Action(
        "account.password_changed",
        organization=False,
        done=gettext_noop("{actor} changed their password."),
        attempt=gettext_noop("change their password"),
        service="account.password_change",
    ),
    Action(
        "account.language_changed",
        organization=False,
        done=gettext_noop("{actor} chose to read the portal in {language_name}."),
        attempt=gettext_noop("change the language they read the portal in"),
        service="account.language.change",
    ),
    Action(
        "account.password_reset_requested",
        organization=False,
        done=gettext_noop("{actor} asked for a password reset link."),
        attempt=gettext_noop("ask for a password reset link"),
        service="account.password_reset.request",
    ),
    Action(
        "account.password_reset",
        organization=False,
        done=gettext_noop(
            "The password of {target} was reset with an e-mailed link and the secret answers."
        ),
        attempt=gettext_noop("reset a password"),
    ),
    Action(
        "account.secret_answers_changed",
        organization=False,
        done=gettext_noop("{actor} changed their secret questions and answers."),
        attempt=gettext_noop("change their secret questions and answers"),
        service="account.secret_answers.change",
    ),
    Action(
        "account.two_factor_enabled",
        organization=False,
        done=gettext_noop("{actor} set up a second factor."),
        attempt=gettext_noop("set up a second factor"),
        service="account.two_factor.confirm",
    ),
    Action(
        "account.two_factor_started",
        organization=False,
        done=gettext_noop("{actor} began setting up a second factor."),
        attempt=gettext_noop("begin setting up a second factor"),
        service="account.two_factor.start",
    ),
    Action(
        "account.two_factor_disabled",
        organization=False,
        done=gettext_noop("{actor} removed their second factor."),
        attempt=gettext_noop("remove their second factor"),
        service="account.two_factor.disable",
    ),
    Action(
        "organization.two_factor_required",
        summary=gettext_noop("Require a second factor of everyone in the organization"),
        done=gettext_noop("{actor} required a second factor of everyone in {org}."),
        attempt=gettext_noop("change the security of {org}"),
        service="organization.security.change",
    ),
    Action(
        "organization.two_factor_optional",
        summary=gettext_noop("Make a second factor optional in the organization"),
        done=gettext_noop("{actor} made a second factor optional for the people of {org}."),
        attempt=gettext_noop("change the security of {org}"),
    ),
    Action(
        "account.deactivated",
        organization=False,
        done=gettext_noop("{actor} disabled the account of {target}."),
        attempt=gettext_noop("disable the account of {target}"),
        service="account.deactivate",
    ),
    Action(
        "account.reactivated",
        organization=False,
        done=gettext_noop("{actor} enabled the account of {target} again."),
        attempt=gettext_noop("enable the account of {target}"),
        service="account.reactivate",
    ),
    Action(
        "account.unlocked",
        organization=False,
        done=gettext_noop("{actor} lifted the sign-in lock of {target}."),
        attempt=gettext_noop("lift the sign-in lock of {target}"),
        service="account.unlock",
    ),
    Action(
        "account.staff_granted",
        organization=False,
        done=gettext_noop("{actor} made {target} operator staff."),
        attempt=gettext_noop("make {target} operator staff"),
        service="account.staff.grant",
    ),
    Action(
        "account.staff_revoked",
        organization=False,
        done=gettext_noop("{actor} ended the operator-staff rights of {target}."),
        attempt=gettext_noop("end the operator-staff rights of {target}"),
        service="account.staff.revoke",
    ),
    Action(
        "account.superuser_granted",
        organization=False,
        done=gettext_noop("{actor} made {target} a superuser."),
        attempt=gettext_noop("make {target} a superuser"),
        service="account.superuser.grant",
    ),
    Action(
        "account.superuser_revoked",
        organization=False,
        done=gettext_noop("{actor} ended the superuser rights of {target}."),
        attempt=gettext_noop("end the superuser rights of {target}"),
        service="account.superuser.revoke",
    ),
    Action(
        "account.name_reminder_requested",
        organization=False,
        done=gettext_noop("{actor} asked for a reminder of their account name by e-mail."),
        attempt=gettext_noop("ask for a reminder of an account name"),
        service="account.name_reminder.request",
    ),
    Action(
        "account.dormancy_warned",
        organization=False,
        done=gettext_noop(
            "{target} was warned by e-mail that the account will be disabled for lack of sign-ins."
        ),
        attempt=gettext_noop("warn {target} that the account will be disabled"),
        service="account.dormancy.warn",
    ),
    Action(
        "account.disabled_dormant",
        done=gettext_noop(
            "The account of {target} was disabled: nobody signed in with it for a long time."
        ),
        attempt=gettext_noop("disable the dormant account of {target}"),
        service="account.dormancy.disable",
    ),
    Action(
        "account.reenabled",
        summary=gettext_noop("Enable a dormant account again"),
        done=gettext_noop(
            "{actor} enabled the account of {target} again after it was disabled for lack of "
            "sign-ins."
        ),
        attempt=gettext_noop("enable the account of {target} again"),
        service="account.reenable",
    ),
)
