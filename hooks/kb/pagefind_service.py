"""Pagefind's indexing service (`pagefind --service`), fed one page at a time while MkDocs renders.

Pagefind's own Node and Python APIs drive this same service. Its Python API waits 0.1 s
between replies (1,000 pages would take 100 s), so this is a small synchronous client of
the same protocol: each message is base64 of its JSON followed by a comma, and each reply
carries the id of the message it answers. Pagefind indexes on its own core while MkDocs
renders the next pages, so the search index costs the build little more than writing it.
"""

import base64
import json
import subprocess
import threading


class PagefindError(Exception):
    """The service could not start, stopped, or did not answer in time."""


class PagefindService:
    def __init__(self, executable: str, config: dict):
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
        self._replies: dict[int, dict] = {}
        self._stopped = False
        self._changed = threading.Condition()
        threading.Thread(target=self._read_replies, daemon=True).start()
        self._config = config
        self._index = self._new_index()

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()  # Pagefind starts on a page as soon as its message is complete
        except (BrokenPipeError, ValueError):
            raise PagefindError("the Pagefind service stopped") from None
        return self._next_id

    def _read_replies(self) -> None:
        pending = bytearray()
        while chunk := self._process.stdout.read1(1 << 20):
            pending += chunk
            if b"," not in chunk:
                continue  # a large reply (the whole bundle) comes in many pieces
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

        Pagefind loads its Japanese dictionary on the first page that needs it (about 0.8 s); a warm-up
        sent as the build starts loads it while MkDocs reads the pages, not while it renders them.
        """
        index = self._new_index()
        for number, html in enumerate(documents):
            self._send({"type": "AddFile", "index_id": index, "url": f"/warm-up/{number}/", "file_contents": html})

    def add_page(self, url: str, html: str) -> int:
        """Queue one page (its URL as the site serves it); Pagefind answers later, `bundle` collects it."""
        return self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html})

    def bundle(self, pages: dict[int, str], timeout: float = 600) -> tuple[list[str], dict[str, bytes]]:
        """Wait for every queued page, then stop. Returns one line per page Pagefind refused, and the bundle's
        files (path inside the bundle -> bytes).

        The files come back in the reply (GetFiles) rather than being written by Pagefind (WriteFiles),
        whose reply can arrive before its files are complete on disk.
        """
        problems = []
        for message_id, name in pages.items():
            try:
                self._wait(message_id, timeout)
            except PagefindError as error:
                problems.append(f"{name}: {error}")
        reply = self._wait(self._send({"type": "GetFiles", "index_id": self._index}), timeout)
        self._stop_in_background()
        return problems, {file["path"]: base64.b64decode(file["content"]) for file in reply["files"]}

    def _end_input(self) -> None:
        """Pagefind exits once its input ends."""
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass

    def _stop_in_background(self) -> None:
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
