"""Password reset over the API (contract.md `auth/password-reset*`): the same services as the
pages. The e-mailed token stands in for the session the pages use."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Status

from accounts import services
from core.api import In, Schema, rate_limited, responses

router = Router(tags=["accounts"])


class ResetRequestIn(In):
    username: str = Field(..., min_length=1, max_length=254)


class AcceptedOut(Schema):
    detail: str


class ResetTokenIn(In):
    token: str = Field(..., min_length=1, max_length=200)


class QuestionOut(Schema):
    question_id: int
    text: str


class QuestionsOut(Schema):
    questions: list[QuestionOut]


class ResetConfirmIn(ResetTokenIn):
    answers: dict[str, str] = Field(
        ..., description="The answer to each question, keyed by its question_id."
    )
    new_password: str = Field(..., max_length=1024)


@router.post(
    "/auth/password-reset",
    auth=None,
    response=responses(202, AcceptedOut),
    throttle=rate_limited("auth"),
    summary="Ask for a password-reset link",
)
def request_password_reset(request, body: ResetRequestIn):
    """Answers 202 whether or not the account exists; an existing account's stored e-mail
    address receives a single-use, expiring link."""
    services.request_password_reset(username=body.username)
    return Status(
        202,
        {
            "detail": _(
                "If the account exists, a link has been sent to the e-mail address "
                "registered for it."
            )
        },
    )


class AccountNameIn(In):
    email: str = Field(..., min_length=1, max_length=254)


@router.post(
    "/auth/account-name",
    auth=None,
    response=responses(202, AcceptedOut),
    throttle=rate_limited("auth"),
    operation_id="remind_account_names",
    summary="Have the account name(s) of an e-mail address sent to it",
)
def remind_account_names(request, body: AccountNameIn):
    """Answers 202 whether or not an account is registered for the address; if there are
    any, their names are e-mailed to that address."""
    services.remind_account_names(email=body.email)
    return Status(
        202,
        {
            "detail": _(
                "If an account is registered for this e-mail address, its account name "
                "has been sent to it."
            )
        },
    )


@router.post(
    "/auth/password-reset/questions",
    auth=None,
    response=responses(200, QuestionsOut, 404),
    throttle=rate_limited("auth"),
    summary="The account's secret questions, for the holder of a reset link",
)
def password_reset_questions(request, body: ResetTokenIn):
    link = services.get_reset_link(token=body.token)
    return {
        "questions": [{"question_id": q.pk, "text": q.text} for q in services.reset_questions(link)]
    }


@router.post(
    "/auth/password-reset/confirm",
    auth=None,
    response=responses(204, None, 403, 404, 409),
    throttle=rate_limited("auth"),
    summary="Answer the secret questions and set a new password",
)
def confirm_password_reset(request, body: ResetConfirmIn):
    """Wrong answers are counted per account, across links: 5 pause recovery (409
    `recovery_locked`) for the cool-off."""
    link = services.get_reset_link(token=body.token)
    services.reset_password(link, answers=body.answers, new_password=body.new_password)
    return Status(204, None)
