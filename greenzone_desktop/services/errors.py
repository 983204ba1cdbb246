"""Errors services raise: each carries a complete Vietnamese message for a person to read."""

from __future__ import annotations

from typing import Any


class ServiceError(ValueError):
    """Bad input or a refused operation; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __reduce__(self) -> tuple[Any, ...]:
        # The same error on the other side of a process boundary (a pile's reading process),
        # whatever its subclass's __init__ takes.
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[ServiceError], args: tuple[Any, ...], state: dict[str, Any]
             ) -> ServiceError:
    error = cls.__new__(cls)
    ValueError.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ValidationError(ServiceError):
    """One or more fields are invalid: `errors` maps field name -> message."""

    def __init__(self, errors: dict[str, str], *, where: str = ""):
        self.errors = dict(errors)
        lines = [f"{where}{msg}" if where else msg for msg in self.errors.values()]
        super().__init__("\n".join(lines), field=next(iter(self.errors), None))


class DuplicateError(ServiceError):
    """A record that must be unique already exists (the message names where)."""

    def __init__(self, message: str, *, field: str | None = None, household_id: str = ""):
        super().__init__(message, field=field)
        self.household_id = household_id


class NotFoundError(ServiceError):
    pass
