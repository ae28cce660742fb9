"""Run inside the server's environment: pick what the benchmark asks for, sign in, time search.

Prints one JSON object on its last line: the session cookie of a real signed-in session (the
Primary Contact of the largest organization), the organization and a member to request, a
service token for the access check, search texts, and the in-process timings of the person
search service at this data size.
"""

import json
import os
import random
import statistics
import time

import django


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _search_timings(samples: int) -> dict:
    from registry.models import Person
    from registry.queries import search_persons

    rng = random.Random(7)
    sample = list(
        Person.objects.order_by("?").values_list("person_id", "first_name", "last_name", "email")[
            :samples
        ]
    )
    kinds: dict[str, list[str]] = {"name": [], "first and last": [], "e-mail": [], "Person ID": []}
    for person_id, first, last, email in sample:
        kinds["name"].append(last[: rng.randint(3, len(last))] if len(last) > 3 else last)
        kinds["first and last"].append(f"{first} {last[:3]}")
        kinds["e-mail"].append(email.upper())
        kinds["Person ID"].append(str(person_id))
    out = {}
    for kind, texts in kinds.items():
        timings = []
        for text in texts:
            started = time.perf_counter()
            found = list(search_persons(text))
            timings.append((time.perf_counter() - started) * 1000)
            assert found, f"the search for {text!r} found nobody"
        out[kind] = {
            "n": len(timings),
            "p50": statistics.median(timings),
            "p95": _percentile(timings, 95),
            "p99": _percentile(timings, 99),
        }
    return out


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client

    from accounts.models import User
    from registry.models import Organization, Person

    org = (
        Organization.objects.annotate(n=Count("memberships"))
        .filter(memberships__roles__role_type__code="primary_contact")
        .order_by("-n", "pk")
        .first()
    )
    org = Organization.objects.annotate(n=Count("memberships")).get(pk=org.pk)
    pc = (
        Person.objects.filter(
            memberships__organization=org,
            memberships__roles__role_type__code="primary_contact",
            user__isnull=False,
        )
        .order_by("person_id")
        .first()
    )
    member = (
        Person.objects.filter(memberships__organization=org).exclude(pk=pc.pk).order_by("?").first()
    )
    client = Client()
    client.force_login(pc.user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    service_token = ""
    try:
        from apitokens.services import issue_service_token
        from core.reauth import console_actor

        staff = User.objects.filter(is_staff=True).order_by("pk").first()
        _, service_token = issue_service_token(
            data={"name": "Benchmark"}, actor=console_actor(staff)
        )
    except Exception as exc:  # the access check is measured only where it exists
        print(f"prepare: no service token ({exc})")

    samples = int(os.environ.get("BENCH_SEARCH_SAMPLES", "200"))
    print(
        json.dumps(
            {
                "cookie": cookie,
                "user": pc.user.get_username(),
                "person_id": pc.person_id,
                "org_id": org.org_id,
                "org_pk": org.pk,
                "org_members": org.n,
                "member_id": member.person_id,
                "search_name": pc.last_name,
                "search_email": member.email,
                "service_token": service_token,
                "persons": Person.objects.count(),
                "organizations": Organization.objects.count(),
                "search": _search_timings(samples),
            }
        )
    )


if __name__ == "__main__":
    main()
