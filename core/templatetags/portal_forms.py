"""The shared form markup's helpers (templates/_field.html, templates/_form_errors.html)."""

import copy

from django import forms, template

from core.forms import error_sentences

register = template.Library()


@register.filter
def sentences(bound_field) -> list[str]:
    """The field's errors as sentences that stand alone (see core.forms.error_sentences)."""
    return error_sentences(bound_field)


@register.filter
def is_choice_group(bound_field) -> bool:
    """Radios or checkboxes: a group under a legend, not one control with a label."""
    return isinstance(bound_field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def first_control_id(bound_field) -> str:
    """The id an error summary links to: the field, or the first of its radios."""
    if is_choice_group(bound_field):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


@register.simple_tag
def control(bound_field):
    """The field's widget, described by its hint and its error (WCAG 3.3.1, 1.3.1)."""
    widget = bound_field.field.widget
    if bound_field.form.errors and "autofocus" in widget.attrs:
        # The error summary takes the focus after a failed submit: one autofocus per page.
        widget = copy.copy(widget)
        widget.attrs = {k: v for k, v in widget.attrs.items() if k != "autofocus"}
    described = described_by(bound_field)
    attrs = {"aria-describedby": described} if described else {}
    if is_choice_group(bound_field):
        attrs = {}  # the fieldset around the group carries the description
    return bound_field.as_widget(widget=widget, attrs=attrs)


@register.filter
def described_by(bound_field) -> str:
    """The ids of the field's hint and error, for a fieldset's aria-describedby."""
    ids = [f"{bound_field.auto_id}_helptext"] if bound_field.help_text else []
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)
