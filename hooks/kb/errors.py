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


class ReportOnce:
    """Remembers the error lines one build has shown, so each is shown once.

    A page missing in one language falls back to the other language's file, which is
    then read twice; its mistake is still one line. `build` is any object that is the
    same for the whole build and new for the next (MkDocs' config).
    """

    def __init__(self) -> None:
        self._build: object = None
        self._shown: set[str] = set()

    def first_time(self, build: object, line: str) -> bool:
        if build is not self._build:
            self._build, self._shown = build, set()
        if line in self._shown:
            return False
        self._shown.add(line)
        return True
