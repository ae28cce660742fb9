"""Calling the JSON API in tests, as a persona (session) or anonymously."""

import json

from django.test import Client

API = "/api/v1"


def as_persona(personas, name: str | None) -> Client:
    client = Client()
    if name is not None:
        client.force_login(getattr(personas, name))
    return client


def call(client: Client, method: str, path: str, body=None, **extra):
    kwargs = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method.lower())(API + path, **kwargs, **extra)
