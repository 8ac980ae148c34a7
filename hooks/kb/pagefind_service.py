"""Pagefind's indexing service (`pagefind --service`), fed one page at a time while MkDocs renders.

Pagefind's own Node and Python APIs drive this same service. Its Python API waits 0.1 s
between replies (1,000 pages would take 100 s), so this is a small synchronous client of
the same protocol: each message is base64 of its JSON followed by a comma, and each reply
carries the id of the message it answers. Pagefind indexes on its own core while MkDocs
renders the next pages, so the search index costs the build little more than writing it.

Each language has an index of its own. Pagefind answers messages in the order they
come, so a language's part of the bundle (`finish`) is built while MkDocs renders the
next language, and only the last language's part is left to wait for at the end.
"""

import base64
import json
import queue
import subprocess
import threading


class PagefindError(Exception):
    """The service could not start, stopped, or did not answer in time."""


class PagefindService:
    def __init__(self, executable: str, config: dict, languages: list[str]):
        try:
            self._process = subprocess.Popen(
                [executable, "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise PagefindError(f"cannot start {executable}: {error}") from None
        self._next_id = 0
        self._sending = threading.Lock()
        self._outgoing: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._input_open = True
        self._replies: dict[int, dict] = {}
        self._stopped = False
        self._changed = threading.Condition()
        threading.Thread(target=self._read_replies, daemon=True).start()
        threading.Thread(target=self._write_messages, daemon=True).start()
        self._config = config
        self._indexes = {language: self._new_index() for language in languages}
        self._parts: dict[str, int] = {}  # language -> id of its GetFiles message

    def _send(self, payload: dict) -> int:
        with self._sending:
            if self._stopped or not self._input_open:
                raise PagefindError("the Pagefind service stopped")
            self._next_id += 1
            message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
            self._outgoing.put(base64.b64encode(message.encode("utf-8")) + b",")
            return self._next_id

    def _write_messages(self) -> None:
        """Pagefind reads its input only between pages; queued here, MkDocs never waits for the pipe to drain."""
        while (message := self._outgoing.get()) is not None:
            try:
                self._process.stdin.write(message)
                self._process.stdin.flush()  # Pagefind starts on a page as soon as its message is complete
            except (BrokenPipeError, ValueError):
                return  # Pagefind stopped: its output ends too, and every wait says so
        try:
            self._process.stdin.close()  # Pagefind exits once its input ends
        except BrokenPipeError:
            pass

    def _read_replies(self) -> None:
        pending = bytearray()
        while chunk := self._process.stdout.read1(1 << 20):
            pending += chunk
            if b"," not in chunk:
                continue  # a large reply (a bundle) comes in many pieces
            *complete, rest = bytes(pending).split(b",")
            pending = bytearray(rest)
            with self._changed:
                for encoded in complete:
                    reply = json.loads(base64.b64decode(encoded))
                    self._replies[reply.get("message_id", 0)] = reply["payload"]
                self._changed.notify_all()
        with self._changed:
            self._stopped = True
            self._changed.notify_all()

    def _wait(self, message_id: int, timeout: float) -> dict:
        with self._changed:
            if not self._changed.wait_for(lambda: message_id in self._replies or self._stopped, timeout):
                raise PagefindError(f"no answer from the Pagefind service in {timeout:.0f} s")
            if message_id not in self._replies:
                raise PagefindError("the Pagefind service stopped")
            reply = self._replies.pop(message_id)
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
        with self._sending:  # no message may be queued behind the end of the input, where it would be lost
            self._input_open = False
            self._outgoing.put(None)

    def stop_in_background(self) -> None:
        """Let Pagefind exit (it takes about 0.07 s) without the build waiting for it: nothing more is needed."""
        self._end_input()
        threading.Thread(target=self._process.wait, daemon=True).start()

    def close(self) -> None:
        if self._process.poll() is None:
            self._end_input()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
