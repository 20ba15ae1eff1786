"""Domain errors: values with a reason a user can act on, and no HTTP in them.

Services raise these; they never import the HTTP layer. An error carries a ``code`` (a member of
its app's ``errors.Code`` enum, a ``str``, stable and machine-readable), a ``message`` in words a
person understands, and the domain ``field`` it is about (None when it is about the request as a
whole). Its class says what kind of refusal it is; the HTTP status each kind gets by default, and
each contract's own status, wording and field names for a code, live in the HTTP layer
(``core.api`` and each contract's ``errors.py``).
"""


class DomainError(Exception):
    """A rule refused the change. Nothing was written."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    @property
    def problems(self) -> list["DomainError"]:
        """Each problem on its own: this one, or the several of an InvalidInput."""
        return [self]

    def as_dict(self) -> dict[str, list[str]]:
        """The messages by field (``non_field_errors`` for those about no field)."""
        data: dict[str, list[str]] = {}
        for problem in self.problems:
            data.setdefault(problem.field or "non_field_errors", []).append(problem.message)
        return data


class InvalidInput(DomainError):
    """Several fields failed at once; ``problems`` holds one DomainError per problem."""

    def __init__(self, problems: list[DomainError]):
        first = problems[0]
        super().__init__(first.message, code=first.code, field=first.field)
        self._problems = problems

    @property
    def problems(self) -> list[DomainError]:
        return self._problems


class Unauthorized(DomainError):
    """The request's own proof (a password, a link's token) was not accepted."""


class NotFound(DomainError):
    """No such thing, or none this user may see (the two are not told apart)."""

    def __init__(self, message: str = "Not found.", *, code: str = "not_found", field=None):
        super().__init__(message, code=code, field=field)


class Forbidden(DomainError):
    """The user may see the thing but not make this change to it."""

    def __init__(self, message: str = "You may not do that.", *, code="forbidden", field=None):
        super().__init__(message, code=code, field=field)


class Conflict(DomainError):
    """The change clashes with the current state (already answered, already taken)."""


class Closed(DomainError):
    """The time for this change is over: a deadline passed, a round was finalized."""


class RateLimited(DomainError):
    """Too many attempts; ``retry_after`` seconds until the next one is heard."""

    def __init__(self, message: str, *, retry_after: int, code: str = "throttled"):
        super().__init__(message, code=code)
        self.retry_after = retry_after
