"""English as written in Canada: 25 Oct 2006, 2:30 p.m., 2006-10-25."""

from django.conf.locale.en_CA.formats import *  # noqa: F403
