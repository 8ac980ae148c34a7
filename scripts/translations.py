"""Entry point of `make translations` (the code is in hooks/kb/translation_cli.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kb.translation_cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
