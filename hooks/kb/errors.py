"""The one error type a writer sees: `file:line: what is wrong`."""


class KbError(Exception):
    """A mistake in a page or data file, reported as one line with its position."""

    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        # One line whatever the data held: a value quoted in the message may contain line breaks.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{where}: {message}"
