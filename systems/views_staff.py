"""Staff pages: the operator's information systems (list, add, edit)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError, Invalid, NotFound
from core.text import sentence
from registry.access import staff_page
from systems import services
from systems.forms import InformationSystemForm
from systems.models import InformationSystem


@require_GET
@staff_page
def information_systems(request):
    return render(
        request,
        "systems/information_systems.html",
        {"systems": list(InformationSystem.objects.order_by("sort_order", "name"))},
    )


@require_http_methods(["GET", "POST"])
@staff_page
def edit_information_system(request, code: str | None = None):
    system = None
    if code is not None:
        system = InformationSystem.objects.filter(code=code[:40]).first()
        if system is None:
            raise NotFound(sentence(_("There is no information system {code!r}."), code=code[:40]))
    form = InformationSystemForm(request.POST or None, instance=system)
    status = 200
    if request.method == "POST":
        try:
            saved = services.save_information_system(system, data=request.POST, actor=request.user)
        except Invalid as exc:
            status = 422
            form.is_valid()
            for field, errors in exc.fields.items():
                if field not in form.errors:
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
        else:
            messages.success(request, sentence(_("{name} is saved."), name=saved.name))
            return redirect("systems-information-systems")
    return render(
        request,
        "systems/information_system.html",
        {"system": system, "form": form},
        status=status,
    )
