"""The one exception type the library raises; the CLI turns it into exit codes."""

from __future__ import annotations


class KgError(Exception):
    """Bad input, bad usage or a store problem, with a message that says what and where.

    `where` is "file", "file:line" or "file:line:column" when known, so the user can jump
    straight to the problem.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
