"""French as written in Canada: 25 octobre 2006, 14 h 30, 2006-10-25.

Django's fr_CA writes the times as "H h i", where the middle h is read as the 12-hour hour
("14 02 30"): the letter is escaped here."""

from django.conf.locale.fr_CA.formats import *  # noqa: F403

TIME_FORMAT = "H\xa0\\h\xa0i"  # 14 h 30
DATETIME_FORMAT = "j F Y, H\xa0\\h\xa0i"  # 25 octobre 2006, 14 h 30
SHORT_DATETIME_FORMAT = "Y-m-d H\xa0\\h\xa0i"  # 2006-10-25 14 h 30
