"""Secret answers: normalized before hashing, so "  Blue " and "blue" are the same answer."""

import re
import unicodedata

from django.contrib.auth.hashers import check_password, make_password

# The operator's starting list (the same as migration 0003, for databases flushed by tests).
DEFAULT_QUESTIONS = [
    "What was the name of your first pet?",
    "In what city were you born?",
    "What is your favourite colour?",
    "What was the name of your first school?",
    "What is the middle name of your oldest sibling?",
    "What was the make of your first car?",
    "In what city did your parents meet?",
    "What was your childhood nickname?",
]
MIN_ANSWER_LENGTH = 3
MAX_ANSWER_LENGTH = 100


def normalize_answer(raw: str | None) -> str:
    """Unicode NFKC, case-folded, surrounding and repeated spaces removed."""
    text = unicodedata.normalize("NFKC", raw or "").casefold()
    return re.sub(r"\s+", " ", text).strip()


def hash_answer(raw: str) -> str:
    return make_password(normalize_answer(raw))


def answer_matches(raw: str | None, encoded: str) -> bool:
    return check_password(normalize_answer(raw), encoded)


def ensure_questions():
    from accounts.models import SecretQuestion

    for position, text in enumerate(DEFAULT_QUESTIONS):
        SecretQuestion.objects.get_or_create(text=text, defaults={"position": position})
