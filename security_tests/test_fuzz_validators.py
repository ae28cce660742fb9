"""Hypothesis property tests of the validators (security cases 48, 49): whatever is typed into a
telephone, name, banking or search field, the answer is a validation error or a clean value,
never an exception, and pages and the API answer 4xx, never 500."""

import string

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from banking.forms import BankingForm
from banking.tests.helpers import sign_in_recently
from registry.forms import (
    OrganizationForm,
    PersonDetailsForm,
    PersonSearchForm,
    normalize_phone,
)

FAST = hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
WEB = hypothesis_settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))

# Text with the nasty parts over-represented: control characters, NUL, surrogates are not
# representable in requests, but lone combining marks, non-ASCII digits and huge lengths are.
NASTY = st.sampled_from(
    [
        "\x00",
        "\n",
        "\r",
        "\t",
        " ",
        "\u200b",
        "\u202e",
        "\ufeff",
        "٣",
        "１",
        "²",
        "\u0301",
        "%",
        "_",
        "'",
        '"',
        "<",
        ">",
        "&",
        "\\",
        "+",
        "-",
        "(",
        ")",
        "e",
        "E",
        "ß",
        "İ",
        "\U0001f600",
    ]
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(NASTY, st.sampled_from(string.digits)), max_size=50).map("".join),
    st.text(alphabet=string.digits + " -+().", max_size=45),
    st.integers(min_value=0, max_value=10**45).map(str),
)
NO_SURROGATES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60
) | TEXT.filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s))


def _form_is_clean_or_invalid(form_class, data: dict) -> None:
    form = form_class(data=data)
    if form.is_valid():  # must not raise
        for value in form.cleaned_data.values():
            if isinstance(value, str):
                assert "\x00" not in value


@FAST
@given(TEXT)
def test_normalize_phone_raises_only_a_validation_error(raw):
    try:
        value = normalize_phone(raw)
    except forms.ValidationError:
        return
    assert value.startswith("+") and value[1:].isdigit() and len(value) <= 16


@FAST
@given(TEXT, TEXT, TEXT, TEXT)
def test_person_details_never_raise(first, last, phone, email):
    _form_is_clean_or_invalid(
        PersonDetailsForm,
        {"first_name": first, "last_name": last, "phone": phone, "email": email + "@x.example"},
    )


@FAST
@given(TEXT, TEXT)
def test_organization_details_never_raise(name, street):
    _form_is_clean_or_invalid(OrganizationForm, {"legal_name": name, "street": street})


@FAST
@given(TEXT)
def test_search_text_never_raises(text):
    _form_is_clean_or_invalid(PersonSearchForm, {"q": text})


@FAST
@given(TEXT, TEXT, TEXT, TEXT, st.sampled_from(["CAD", "USD", "", "EUR", "cad", "\x00"]))
def test_banking_fields_never_raise_and_accept_only_ascii_digits(
    bank, institution, transit, account, currency
):
    data = {
        "bank_name": bank,
        "institution_number": institution,
        "transit_number": transit,
        "account_number": account,
        "currency": currency,
    }
    form = BankingForm(data=data)
    if form.is_valid():
        clean = form.cleaned_data
        assert len(clean["institution_number"]) == 3 and clean["institution_number"].isascii()
        assert len(clean["transit_number"]) == 5 and clean["transit_number"].isdigit()
        assert 5 <= len(clean["account_number"]) <= 12
        assert clean["account_number"].isascii() and clean["account_number"].isdigit()
        assert clean["bank_name"].isprintable()


@pytest.mark.parametrize(
    "field,value",
    [
        ("institution_number", "01"),
        ("institution_number", "0011"),
        ("transit_number", "1234"),
        ("account_number", "12345a7"),
        ("account_number", "١٢٣٤٥٦٧"),  # Arabic-Indic digits
        ("account_number", "٣" * 7),
        ("account_number", "1" * 40),
        ("account_number", "1234\t567"),
        ("account_number", "1234567\x00"),
        ("account_number", "1234567\n"),
        ("bank_name", "Bank\x00Name"),
    ],
)
def test_each_bad_banking_value_is_a_field_error(field, value):
    data = {
        "bank_name": "Second National Bank",
        "institution_number": "002",
        "transit_number": "00022",
        "account_number": "7654321",
        "currency": "CAD",
        field: value,
    }
    form = BankingForm(data=data)
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.django_db
@WEB
@given(TEXT, TEXT, TEXT)
def test_the_banking_page_answers_4xx_never_500(client, personas, institution, transit, account):
    sign_in_recently(client, personas.carol)
    response = client.post(
        f"/organizations/{personas.northwind.org_id}/banking/",
        {
            "bank_name": "Fuzz Bank",
            "institution_number": institution,
            "transit_number": transit,
            "account_number": account,
            "currency": "CAD",
        },
    )
    assert response.status_code in {302, 422}, response.status_code


@pytest.mark.django_db
def test_a_search_of_superscript_digits_is_a_name_search_not_a_500(client, personas, settings):
    settings.API_RATE_LIMITS = {"search": "100000/min"}
    client.force_login(personas.alice)
    response = client.get("/api/v1/persons", {"q": "0²"})
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.django_db
@WEB
@given(NO_SURROGATES)
def test_the_search_api_answers_4xx_never_500(client, personas, settings, text):
    settings.API_RATE_LIMITS = {"search": "100000/min"}
    client.force_login(personas.alice)
    response = client.get("/api/v1/persons", {"q": text})
    assert response.status_code in {200, 422}, (response.status_code, response.content[:200])
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
@WEB
@given(NO_SURROGATES, NO_SURROGATES, NO_SURROGATES)
def test_the_my_information_api_answers_4xx_never_500(client, personas, first, phone, email):
    sign_in_recently(client, personas.erin)
    response = client.patch(
        "/api/v1/me",
        {"first_name": first, "phone": phone, "email": email},
        content_type="application/json",
    )
    assert response.status_code in {200, 409, 422}, (response.status_code, response.content)


def test_a_validation_error_is_the_only_failure_of_the_phone_parser_for_absurd_input():
    for raw in ["\x00", "+" * 41, "1" * 10_000, "٣" * 10, "+1 (416) 555-0100 ext. " + "9" * 30]:
        with pytest.raises(ValidationError):
            normalize_phone(raw)
