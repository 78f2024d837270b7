"""Run icscheck as ``python -m icscheck``; also the console script's entry point.

`icscheck --version` is answered here, before the command line (Typer, Click) is imported, so it
costs little more than starting Python. The command line is imported inside `main`, not at the
top, so that Ctrl-C while Typer is still loading ends as it does later: one line and exit 130,
never a traceback. The garbage collector is off while modules load, as they make nothing for it
to free (a one-file check starts 5 ms sooner); `check`, `diff` and `forecast` turn it on before
their work, and the other commands make little and end.
"""

import gc
import sys

from icscheck import INTERRUPTED, __version__

VERSION_FLAGS = ("--version", "-V")
"""The flags that ask only for the version; the CLI's own `--version` option answers the same."""


def main() -> None:
    """Answer `--version` at once; otherwise load the command line and run it."""
    if sys.argv[1:] and sys.argv[1] in VERSION_FLAGS and _printed_version():
        sys.exit(0)
    gc.disable()
    try:
        from icscheck.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("icscheck: interrupted\n")
        sys.exit(INTERRUPTED)
    run()


def _printed_version() -> bool:
    """Print the version as the CLI's `--version` does, if standard output takes it.

    A closed, full or broken standard output is left to the CLI, which reports each as every
    command does.
    """
    if sys.stdout is None:
        return False
    try:
        sys.stdout.write(f"icscheck {__version__}\n")
        sys.stdout.flush()
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()
