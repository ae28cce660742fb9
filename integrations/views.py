"""Pages: an organization's webhooks (add, test, replay, enable, delete) and its latest events.
Access -> form -> one service call -> message + redirect."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.actions import event_description, event_types
from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.text import sentence
from integrations import queries, services
from integrations.access import get_webhook_for, require_webhook_manager
from integrations.forms import ReplayForm, WebhookForm
from integrations.rules import (
    can_manage_webhooks,
    can_read_events,
    events_refusal_sentence,
    webhooks_refusal_sentence,
)
from registry.access import get_organization_for


def _list_url(org) -> str:
    return reverse("integrations-webhooks", args=[org.org_id])


def _detail_url(webhook) -> str:
    return reverse("integrations-webhook", args=[webhook.organization.org_id, webhook.pk])


def _crumbs(org, *extra) -> list[dict]:
    return [{"label": _("Webhooks and events"), "url": _list_url(org)}, *extra]


def _webhooks_page(request, org, form=None, status=200):
    may_manage = can_manage_webhooks(request.user, org)
    may_read = can_read_events(request.user, org)
    context = {
        "org": org,
        "can_manage": may_manage,
        "can_read": may_read,
        "manage_refusal": webhooks_refusal_sentence(org),
        "read_refusal": events_refusal_sentence(org),
        "webhooks": list(queries.webhooks_of(org)) if may_manage else [],
        "events": queries.latest_events(org) if may_read else [],
        "form": form or WebhookForm(),
        "crumbs": [{"label": _("Webhooks and events")}],
    }
    return render(request, "integrations/webhooks.html", context, status=status)


@require_GET
def webhooks(request, org_id: int):
    return _webhooks_page(request, get_organization_for(request.user, org_id))


@require_POST
@never_cache
def create_webhook(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    data = {"url": request.POST.get("url", ""), "events": request.POST.getlist("events")}
    try:
        webhook, secret = services.create_webhook(org, data=data, actor=request.user)
    except Invalid as exc:
        form = WebhookForm(data=data)
        show_errors(form, exc)  # the page's error summary says it, once
        return _webhooks_page(request, org, form, status=422)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_list_url(org))
    messages.success(request, sentence(_("The webhook {url} was added."), url=webhook.url))
    response = render(
        request,
        "integrations/created.html",
        {
            "org": org,
            "webhook": webhook,
            "secret": secret,
            "crumbs": _crumbs(org, {"label": _("Webhook added")}),
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def webhook(request, org_id: int, webhook_id: int):
    org = get_organization_for(request.user, org_id)
    hook = get_webhook_for(request.user, org, webhook_id)
    # The log's page: one count and one page of rows, however long the log.
    log = Paginator(queries.deliveries_of(hook), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "integrations/webhook.html",
        {
            "org": org,
            "webhook": hook,
            "log": log,
            "replay_form": ReplayForm(initial={"after": 0}),
            "crumbs": _crumbs(org, {"label": sentence(_("Webhook {number}"), number=hook.pk)}),
        },
    )


def _act(request, org_id: int, webhook_id: int, call, success):
    org = get_organization_for(request.user, org_id)
    hook = get_webhook_for(request.user, org, webhook_id)
    try:
        result = call(hook)
    except DomainError as exc:
        if exc.fields:
            for errors in exc.fields.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.error(request, exc.message)
    else:
        messages.success(request, success(result))
    return redirect(_detail_url(hook))


@require_POST
def send_test_event(request, org_id: int, webhook_id: int):
    return _act(
        request,
        org_id,
        webhook_id,
        lambda hook: services.send_test_event(hook, actor=request.user),
        lambda d: sentence(
            _("A test event ({message}) is on its way; its delivery is in the log below."),
            message=d.message_id,
        ),
    )


@require_POST
def replay_webhook(request, org_id: int, webhook_id: int):
    return _act(
        request,
        org_id,
        webhook_id,
        lambda hook: services.replay_webhook(
            hook, data={"after": request.POST.get("after", "")}, actor=request.user
        ),
        lambda n: sentence(
            _("{count} event(s) queued again, each with the webhook-id it was first sent with."),
            count=n,
        ),
    )


@require_POST
def enable_webhook(request, org_id: int, webhook_id: int):
    return _act(
        request,
        org_id,
        webhook_id,
        lambda hook: services.enable_webhook(hook, actor=request.user),
        lambda hook: sentence(
            _("The webhook {url} is enabled; waiting events are being sent."), url=hook.url
        ),
    )


@require_http_methods(["GET", "POST"])
def delete_webhook(request, org_id: int, webhook_id: int):
    org = get_organization_for(request.user, org_id)
    hook = get_webhook_for(request.user, org, webhook_id)
    if request.method == "POST":
        try:
            services.delete_webhook(hook, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(_detail_url(hook))
        messages.success(request, sentence(_("The webhook {url} was deleted."), url=hook.url))
        return redirect(_list_url(org))
    require_webhook_manager(request.user, org)
    return render(
        request,
        "integrations/confirm_delete.html",
        {
            "org": org,
            "webhook": hook,
            "back": _detail_url(hook),
            "crumbs": _crumbs(
                org, {"label": sentence(_("Delete webhook {number}"), number=hook.pk)}
            ),
        },
    )


@require_GET
def guide(request):
    """The integrations guide: the event feed, webhooks, a receiver and every event type, for
    whoever builds an organization's side (any signed-in person may read it)."""
    types = [(code, event_description(code)) for code in event_types()]
    return render(
        request,
        "integrations/guide.html",
        {"event_types": types, "crumbs": [{"label": _("Integrations guide")}]},
    )
