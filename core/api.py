"""The one exception handler of every contract.

DRF's usual shapes (``{"field": ["message"]}`` with 400, ``{"detail": ...}`` with 401/403/404),
domain errors mapped by their status, and never a 500 for bad input: a Django ValidationError
raised from a model, or a database integrity error that slipped past a service, become 400.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.db import is_query_canceled
from core.errors import DomainError, RateLimited
from core.middleware import MESSAGES as ERROR_MESSAGES

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        response = Response(exc.as_dict(), status=exc.status)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {
                field: [m for e in errs for m in e.messages]
                for field, errs in exc.error_dict.items()
            }
        else:
            data = {"non_field_errors": exc.messages}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ObjectDoesNotExist):
        exc = Http404()
    if isinstance(exc, OperationalError) and is_query_canceled(exc):
        logger.warning("Statement stopped by the time limit: %s", exc)
        return Response(
            {"detail": "The request took too long and was stopped. Try a smaller one."},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    if isinstance(exc, DataError) and "NUL" in str(exc):
        # PostgreSQL stores no "\u0000" in text; a field that does not refuse it itself.
        return Response(
            {"detail": "Text in the request contains a NUL character (\\u0000)."},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DataError | OverflowError):
        # An id or number too large for the database column (e.g. /notificationsettings/1e20).
        return Response(
            {"detail": "A number in the request is out of range."},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        logger.warning("Integrity error turned into 400: %s", exc)
        return Response(
            {"non_field_errors": ["This change conflicts with existing data."]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def json_not_found(request, exception=None):
    return JsonResponse({"detail": ERROR_MESSAGES[404]}, status=404)


def json_server_error(request):
    return JsonResponse({"detail": ERROR_MESSAGES[500]}, status=500)


def drop_slashless_duplicates(endpoints, **kwargs):
    """drf-spectacular hook: document each path once, with its trailing slash."""
    paths = {path for path, *_ in endpoints}
    return [e for e in endpoints if e[0].endswith("/") or f"{e[0]}/" not in paths]
