"""Domain errors: values with a reason a user can act on.

Services raise these; they never import the HTTP layer. Each contract maps them to its documented
status code and shape (the default mapping is in core.api.exception_handler). ``code`` is stable
and machine-readable, so a contract can swap in the exact wording its seed document uses.
"""


class DomainError(Exception):
    """A rule refused the change. Nothing was written."""

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def as_dict(self) -> dict:
        if self.field:
            return {self.field: [self.message]}
        if self.status == 400:
            return {"non_field_errors": [self.message]}
        return {"detail": self.message}

    def reworded(self, wording: dict[str, str]) -> "DomainError":
        """The same error, in a contract's own wording if it documents one for this code."""
        if self.code not in wording:
            return self
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.message = wording[self.code]
        clone.args = (clone.message,)
        return clone


class InvalidInput(DomainError):
    """Several fields failed at once; ``problems`` holds one DomainError per problem."""

    def __init__(self, problems: list[DomainError]):
        first = problems[0]
        super().__init__(first.message, code=first.code, field=first.field)
        self.problems = problems

    def as_dict(self) -> dict:
        data: dict[str, list[str]] = {}
        for problem in self.problems:
            data.setdefault(problem.field or "non_field_errors", []).append(problem.message)
        return data

    def reworded(self, wording: dict[str, str]) -> "InvalidInput":
        """The same problems, with a contract's own wording for the codes it documents."""
        return InvalidInput(
            [
                DomainError(wording.get(p.code, p.message), code=p.code, field=p.field)
                for p in self.problems
            ]
        )


class Unauthorized(DomainError):
    """The request's own proof (a link's token, say) was not accepted."""

    status = 401


class NotFound(DomainError):
    status = 404

    def __init__(self, message: str = "Not found.", *, code: str = "not_found", field=None):
        super().__init__(message, code=code, field=field)


class Forbidden(DomainError):
    status = 403

    def __init__(self, message: str = "You may not do that.", *, code="forbidden", field=None):
        super().__init__(message, code=code, field=field)


class Conflict(DomainError):
    status = 409


class Gone(DomainError):
    status = 410


class RateLimited(DomainError):
    status = 429

    def __init__(self, message: str, *, retry_after: int, code: str = "throttled"):
        super().__init__(message, code=code)
        self.retry_after = retry_after
