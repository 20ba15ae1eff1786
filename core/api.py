"""The one exception handler of every contract.

DRF's usual shapes (``{"field": ["message"]}`` with 400, ``{"detail": ...}`` with 401/403/404),
domain errors answered with the status of their kind unless the view's contract says otherwise
(its ``errors.py``, a ``ContractErrors``), and never a 500 for bad input: a Django
ValidationError raised from a model, or a database integrity error that slipped past a service,
become 400.
"""

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.db import is_query_canceled
from core.errors import (
    Closed,
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    RateLimited,
    Unauthorized,
)
from core.middleware import MESSAGES as ERROR_MESSAGES

logger = logging.getLogger(__name__)

#: The status each kind of domain error gets unless a contract documents another.
STATUS_OF_KIND: dict[type[DomainError], int] = {
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Closed: 410,
    RateLimited: 429,
    DomainError: 400,
}


def default_status(exc: DomainError) -> int:
    for kind in type(exc).__mro__:
        if kind in STATUS_OF_KIND:
            return STATUS_OF_KIND[kind]
    return 400


#: What a body is built from: (field or None, message) for each problem, and the status.
Problems = list[tuple[str | None, str]]


def default_body(problems: Problems, status_code: int) -> dict:
    """DRF's shapes: messages by field for 400 or named fields, ``{"detail": ...}`` otherwise."""
    if status_code == 400 or any(name for name, _ in problems):
        return by_field(problems)
    return {"detail": problems[0][1]}


def detail_or_fields_body(problems: Problems, status_code: int) -> dict:
    """``{"detail": ...}`` unless a field is named (then messages by field)."""
    if any(name for name, _ in problems):
        return by_field(problems)
    return {"detail": problems[0][1]}


def detail_body(problems: Problems, status_code: int) -> dict:
    """``{"detail": ...}`` whatever the field."""
    return {"detail": problems[0][1]}


def error_body(problems: Problems, status_code: int) -> dict:
    """``{"error": ...}``, the shape seeds 001 and 003 document for their own errors."""
    return {"error": problems[0][1]}


def non_field_body(problems: Problems, status_code: int) -> dict:
    """``{"non_field_errors": [...]}`` whatever the field."""
    return {"non_field_errors": [message for _, message in problems]}


def by_field(problems: Problems) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, message in problems:
        data.setdefault(name or "non_field_errors", []).append(message)
    return data


Body = Callable[[Problems, int], dict]


#: In ``ContractErrors.views``, the reply of a view to every code it does not name itself.
ANY = "*"


@dataclass(frozen=True)
class Reply:
    """How a contract answers one code: each part left None keeps the default."""

    status: int | None = None
    #: The wording, or a function of the error and the view (for wording that names what the
    #: request named, e.g. the path to use instead).
    message: str | Callable[[DomainError, object], str] | None = None
    body: Body | None = None


@dataclass(frozen=True)
class ContractErrors:
    """One contract's answers to domain errors, declared in its ``errors.py`` as ``ERRORS``.

    ``replies``: by code. ``views``: by view class name (a view's base classes count too), then
    by code or ``ANY``, for operations whose seed documents another answer than the contract's.
    ``fields``: domain field names renamed to the contract's request fields. ``body``: the shape
    of every domain error's body. ``finish``: may rewrite any error response of the contract's
    views (domain, validation or DRF's own), e.g. a client's format chosen by a setting.
    """

    replies: dict[str, Reply] = field(default_factory=dict)
    views: dict[str, dict[str, Reply]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    body: Body = default_body
    finish: Callable[[Response, object], Response] | None = None

    def reply_for(self, exc: DomainError, view) -> Reply:
        """The contract's reply to the code, overlaid by each view class in the view's MRO
        (from the most general) with its reply to any code (``ANY``), then to this code.
        Parts left None fall through to the layer below."""
        layers = [self.replies.get(exc.code)]
        for cls in reversed(type(view).__mro__):
            by_view = self.views.get(cls.__name__)
            if by_view:
                layers += [by_view.get(ANY), by_view.get(exc.code)]
        merged: dict = {}
        for layer in layers:
            if layer is not None:
                merged.update({k: v for k, v in vars(layer).items() if v is not None})
        return Reply(**merged)

    def _message(self, problem: DomainError, view) -> str:
        message = self.reply_for(problem, view).message or problem.message
        return message(problem, view) if callable(message) else message

    def response(self, exc: DomainError, view) -> Response:
        reply = self.reply_for(exc, view)
        problems = [
            (self.fields.get(p.field, p.field), self._message(p, view)) for p in exc.problems
        ]
        status_code = reply.status or default_status(exc)
        response = Response((reply.body or self.body)(problems, status_code), status=status_code)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response


DEFAULT_ERRORS = ContractErrors()
_errors_of_package: dict[str, ContractErrors] = {}


def contract_errors(view) -> ContractErrors:
    """The view's own ``contract_errors`` (a view shared by two contracts), else the ``ERRORS``
    of its contract package (``contracts.<name>.errors``), else the defaults."""
    own = getattr(view, "contract_errors", None)
    if own is not None:
        return own
    parts = type(view).__module__.split(".")
    if len(parts) < 2 or parts[0] != "contracts":
        return DEFAULT_ERRORS
    package = ".".join(parts[:2])
    if package not in _errors_of_package:
        try:
            module = importlib.import_module(f"{package}.errors")
        except ModuleNotFoundError:
            _errors_of_package[package] = DEFAULT_ERRORS
        else:
            _errors_of_package[package] = module.ERRORS
    return _errors_of_package[package]


def exception_handler(exc, context):
    view = context.get("view")
    errors = contract_errors(view) if view is not None else DEFAULT_ERRORS
    response = _response_for(exc, context, errors)
    if response is not None and errors.finish is not None:
        response = errors.finish(response, view)
    return response


def _response_for(exc, context, errors: ContractErrors):
    if isinstance(exc, DomainError):
        return errors.response(exc, context.get("view"))
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
