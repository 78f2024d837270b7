"""Run icscheck as ``python -m icscheck``; also the console script's entry point.

The command line is imported here, not at the top, so that Ctrl-C while Typer and Rich are still
loading ends as it does later: one line and exit 130, never a traceback.
"""

import sys

from icscheck import INTERRUPTED


def main() -> None:
    """Load the command line and run it."""
    try:
        from icscheck.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("icscheck: interrupted\n")
        sys.exit(INTERRUPTED)
    run()


if __name__ == "__main__":
    main()
