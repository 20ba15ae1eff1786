"""What Django's debug page and error reports may show: no password, not even inside a URL.

Django hides settings whose name looks secret (``PASSWORD``, ``SECRET_KEY``...), but not a
password inside a URL-valued setting or environment variable: ``CELERY_BROKER_URL``,
``CACHES['default']['LOCATION']``, ``DATABASE_URL`` in the environment the debug page lists.
This filter masks the password part of every ``scheme://user:password@host`` it prints, and
treats a plain dict held by a traceback frame (a driver's connection parameters, say) as it treats
a setting: values under secret-looking keys hidden, URLs masked.
"""

import re

from django.views.debug import SafeExceptionReporterFilter

# scheme://user:password@ (the password up to the authority's last "@", in case it holds one)
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\s]*):[^/?#\s]*@")


def mask_url_passwords(text: str) -> str:
    """``redis://:pw@host/0`` -> ``redis://:*****@host/0``; other text unchanged."""
    return _URL_PASSWORD.sub(
        lambda m: f"{m.group('head')}:{SafeExceptionReporterFilter.cleansed_substitute}@", text
    )


class UrlPasswordFilter(SafeExceptionReporterFilter):
    def cleanse_setting(self, key, value):
        value = super().cleanse_setting(key, value)
        if isinstance(value, str):
            return mask_url_passwords(value)
        return value

    def cleanse_special_types(self, request, value):
        value = super().cleanse_special_types(request, value)
        if isinstance(value, str):
            return mask_url_passwords(value)
        if type(value) is dict:
            try:
                return {k: self.cleanse_setting(k, v) for k, v in value.items()}
            except RecursionError:
                return self.cleansed_substitute
        return value
