"""Input validation for SCIM tokens, shared by the page and the service."""

from django import forms

from apitokens.forms import ApiTokenForm


class ScimTokenForm(forms.Form):
    name = ApiTokenForm.base_fields["name"]
    clean_name = ApiTokenForm.clean_name
