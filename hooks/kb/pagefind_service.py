"""Pagefind's indexing service (`pagefind --service`), fed one page at a time while MkDocs builds.

Pagefind's own Node and Python APIs drive this same service. Its Python API waits 0.1 s
between replies (1,000 pages would take 100 s), so this is a small synchronous client of
the same protocol: each message is base64 of its JSON followed by a comma, and each reply
carries the id of the message it answers. Pagefind indexes on its own core while MkDocs
goes on, so the search index costs the build little more than writing it.

Each language has an index of its own. Pagefind answers messages in the order they
come, so a language's part of the bundle (`finish`) is built while MkDocs goes on with
other work (hooks/search.py: rendering that language's pages), and no one waits for it.

MkDocs writes each page straight into a pipe widened to 1 MB, so it waits only when
Pagefind is that far behind. Pagefind's replies go to a temporary file, read when someone
waits for one: Pagefind never waits for them to be read, and no thread wakes for each page.
A reader and a writer thread did, and took Python's interpreter lock from MkDocs two or
three times per page: 0.4 s of a 10 s build at 500 pages per language, on two cores.
"""

import base64
import json
import os
import subprocess
import tempfile
import threading
import time

PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe's size
POLL_SECONDS = 0.005  # how often a wait looks for its reply


class PagefindError(Exception):
    """The service could not start, stopped, or did not answer in time."""


def _widen(pipe) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux: the pipe keeps its default size, and MkDocs waits for Pagefind more often


class PagefindService:
    def __init__(self, executable: str, config: dict, languages: list[str]):
        self._replies_file = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                [executable, "--service"],
                stdin=subprocess.PIPE,
                stdout=self._replies_file,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            self._replies_file.close()
            raise PagefindError(f"cannot start {executable}: {error}") from None
        _widen(self._process.stdin)
        self._next_id = 0
        self._sending = threading.Lock()
        self._reading = threading.Lock()  # the bundle's writer thread waits for a part while MkDocs sends pages
        self._read_up_to = 0
        self._unfinished = b""  # the start of a reply Pagefind is still writing
        self._replies: dict[int, dict] = {}
        self._config = config
        self._indexes = {language: self._new_index() for language in languages}
        self._parts: dict[str, int] = {}  # language -> id of its GetFiles message

    def _send(self, payload: dict) -> int:
        with self._sending:
            if self._process.stdin.closed:
                raise PagefindError("the Pagefind service stopped")
            self._next_id += 1
            message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
            try:
                self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
                self._process.stdin.flush()  # Pagefind starts on a page as soon as its message is complete
            except BrokenPipeError:
                raise PagefindError("the Pagefind service stopped") from None
            return self._next_id

    def _read_replies(self) -> None:
        """Every reply Pagefind has finished writing since the last look (os.pread leaves its file offset alone)."""
        while chunk := os.pread(self._replies_file.fileno(), PIPE_BYTES, self._read_up_to):
            self._read_up_to += len(chunk)
            self._unfinished += chunk
        *complete, self._unfinished = self._unfinished.split(b",")
        for encoded in complete:
            reply = json.loads(base64.b64decode(encoded))
            self._replies[reply.get("message_id", 0)] = reply["payload"]

    def _wait(self, message_id: int, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            stopped = self._process.poll() is not None  # before reading: what it wrote before it stopped is read
            with self._reading:
                if self._replies_file.closed:
                    raise PagefindError("the Pagefind service stopped")
                self._read_replies()
                reply = self._replies.pop(message_id, None)
            if reply is not None:
                break
            if stopped:
                raise PagefindError("the Pagefind service stopped")
            if time.monotonic() > deadline:
                raise PagefindError(f"no answer from the Pagefind service in {timeout:.0f} s")
            time.sleep(POLL_SECONDS)
        if reply.get("type") == "Error":
            raise PagefindError(reply.get("message", "unknown error"))
        return reply

    def _new_index(self) -> int:
        return self._wait(self._send({"type": "NewIndex", "config": self._config}), timeout=60)["index_id"]

    def warm_up(self, documents: list[str]) -> None:
        """Index throwaway pages in an index of their own, which is never written.

        Pagefind loads its Japanese dictionary on the first page that needs it (about 1 s); a warm-up
        sent as the build starts loads it while MkDocs reads the pages, not while it renders them.
        """
        index = self._new_index()
        for number, html in enumerate(documents):
            self._send({"type": "AddFile", "index_id": index, "url": f"/warm-up/{number}/", "file_contents": html})

    def add_page(self, url: str, html: str, language: str) -> int:
        """Queue one page (its URL as the site serves it) for its language's index; `problems` collects the answer."""
        if language not in self._indexes:
            raise PagefindError(f"no search index for the language '{language}' (indexes: {', '.join(self._indexes)})")
        if language in self._parts:
            raise PagefindError(f"the '{language}' search index is already finished")
        return self._send({"type": "AddFile", "index_id": self._indexes[language], "url": url, "file_contents": html})

    def finish(self, language: str) -> None:
        """No more pages in this language: Pagefind builds its part of the bundle next, without anyone waiting."""
        if language not in self._parts:
            self._parts[language] = self._send({"type": "GetFiles", "index_id": self._indexes[language]})

    def part(self, language: str, timeout: float = 600) -> dict[str, bytes]:
        """One language's part of the bundle (path inside the bundle -> bytes), once Pagefind has built it.

        The files come back in the reply (GetFiles) rather than being written by Pagefind (WriteFiles),
        whose reply can arrive before its files are complete on disk.
        """
        self.finish(language)
        reply = self._wait(self._parts[language], timeout)
        return {file["path"]: base64.b64decode(file["content"]) for file in reply["files"]}

    def problems(self, pages: dict[int, str], timeout: float = 600) -> list[str]:
        """One line for each queued page (message id -> name) Pagefind refused."""
        problems = []
        for message_id, name in pages.items():
            try:
                self._wait(message_id, timeout)
            except PagefindError as error:
                problems.append(f"{name}: {error}")
        return problems

    def _end_input(self) -> None:
        with self._sending:  # not while a message is half-written
            try:
                self._process.stdin.close()  # Pagefind exits once its input ends
            except BrokenPipeError:
                pass
        with self._reading:
            self._replies_file.close()  # Pagefind keeps its own handle until it exits

    def stop_in_background(self) -> None:
        """Let Pagefind exit (it takes about 0.07 s) without the build waiting for it: nothing more is needed."""
        self._end_input()
        threading.Thread(target=self._process.wait, daemon=True).start()

    def close(self) -> None:
        self._end_input()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
