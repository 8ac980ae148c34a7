"""MkDocs hook: compile the theme's templates once per process, not once per language and rebuild.

The cache is in hooks/kb/template_cache.py; built pages are byte-identical with or without it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kb.template_cache import THEME_TEMPLATES  # noqa: E402


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = THEME_TEMPLATES
    return env
