"""Compiled theme templates, kept in memory for the life of the process.

static-i18n builds each language with a new Jinja environment, and `mkdocs serve` makes a new one
for every rebuild, so each would compile all of Material's templates again (about 0.2 s a time).
Jinja's bytecode cache lets them share one compilation. Jinja checks each entry against a checksum
of the template's source, so an edited override is compiled afresh.
"""

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # discarded by Jinja if the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


# One per process: this module stays imported across static-i18n's languages and serve's rebuilds.
THEME_TEMPLATES = MemoryBytecodeCache()
