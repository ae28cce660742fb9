"""Staff pages: publish an announcement, issue a notice to a role group."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import DomainError, Invalid, require
from notices import services
from notices.forms import AnnouncementForm, NoticeForm


def _form_page(request, form_class, service, template: str, success):
    require(request.user.is_staff, "Only operator staff can do this.")
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            obj = service(data=request.POST, actor=request.user)
        except Invalid as exc:
            status = 422
            form.is_valid()
            for field, errors in exc.fields.items():
                if field not in form.errors:
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success(obj))
            return redirect("news")
    return render(request, template, {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def publish_announcement(request):
    return _form_page(
        request,
        AnnouncementForm,
        services.publish_announcement,
        "notices/publish_announcement.html",
        lambda a: f"Your announcement “{a.title}” is on everyone's News.",
    )


@require_http_methods(["GET", "POST"])
def issue_notice(request):
    return _form_page(
        request,
        NoticeForm,
        services.issue_notice,
        "notices/issue_notice.html",
        lambda n: (
            f"Your notice “{n.title}” has been sent to "
            f"{services.notice_recipients(n).count()} people."
        ),
    )
