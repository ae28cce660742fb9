"""Staff pages: compose, preview and publish an announcement, withdraw one, issue a notice to
a role group."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError, Invalid
from core.text import sentence
from notices import services
from notices.access import get_announcement_for
from notices.forms import AnnouncementForm, NoticeForm, WithdrawAnnouncementForm
from notices.models import Announcement
from registry.access import staff_page

ANNOUNCEMENTS_PAGE_SIZE = 50


def _bind(form, exc: Invalid) -> None:
    form.is_valid()
    for field, errors in exc.fields.items():
        if field not in form.errors:
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    if not exc.fields:
        form.add_error(None, exc.message)


def _form_page(request, form_class, service, template: str, success, context=None):
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            obj = service(data=request.POST, actor=request.user)
        except Invalid as exc:
            status = 422
            _bind(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success(obj))
            return redirect("news")
    return render(request, template, {"form": form, **(context or {})}, status=status)


@require_http_methods(["GET", "POST"])
@staff_page
def publish_announcement(request):
    if request.method == "POST" and "preview" in request.POST:
        # Shown as News will show it; nothing is saved until Publish.
        form = AnnouncementForm(request.POST)
        if form.is_valid():
            preview = Announcement(**form.cleaned_data, published_at=timezone.now())
            return render(
                request,
                "notices/publish_announcement.html",
                {"form": form, "preview": preview},
            )
        return render(request, "notices/publish_announcement.html", {"form": form}, status=422)
    return _form_page(
        request,
        AnnouncementForm,
        services.publish_announcement,
        "notices/publish_announcement.html",
        lambda a: sentence(_("Your announcement “{title}” is on everyone's News."), title=a.title),
    )


def _sent(notice, count: int) -> str:
    return sentence(
        ngettext(
            "Your notice “{title}” has been sent to {count} people.",
            "Your notice “{title}” has been sent to {count} people.",
            count,
        ),
        title=notice.title,
        count=count,
    )


@require_http_methods(["GET", "POST"])
@staff_page
def issue_notice(request):
    return _form_page(
        request,
        NoticeForm,
        services.issue_notice,
        "notices/issue_notice.html",
        lambda n: _sent(n, services.notice_recipients(n).count()),
    )


@require_GET
@staff_page
def announcement_list(request):
    page_number = request.GET.get("page")
    announcements = Announcement.objects.select_related(
        "published_by__person", "withdrawn_by__person"
    ).order_by("-published_at", "-id")
    return render(
        request,
        "notices/announcement_list.html",
        {"page": Paginator(announcements, ANNOUNCEMENTS_PAGE_SIZE).get_page(page_number)},
    )


@require_http_methods(["GET", "POST"])
def withdraw_announcement(request, announcement_id: int):
    announcement = get_announcement_for(request.user, announcement_id)
    form = WithdrawAnnouncementForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            services.withdraw_announcement(announcement, data=request.POST, actor=request.user)
        except Invalid as exc:
            status = 422
            _bind(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("notices-announcements")
        else:
            messages.success(
                request,
                sentence(
                    _("The announcement “{title}” is withdrawn: it is no longer on News."),
                    title=announcement.title,
                ),
            )
            return redirect("notices-announcements")
    return render(
        request,
        "notices/withdraw_announcement.html",
        {"announcement": announcement, "form": form},
        status=status,
    )
