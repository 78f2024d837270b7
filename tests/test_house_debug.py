"""The escape hatch for bug reports: ICSCHECK_DEBUG=1 prints an internal error's traceback."""

from __future__ import annotations

import pytest

from tests.helpers import SAMPLES

ESSEX = SAMPLES / "essex.ics.yaml"


@pytest.mark.parametrize(("debug", "traceback_shown"), [(None, False), ("0", False), ("1", True)])
def test_an_internal_error_shows_its_traceback_only_when_asked(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    debug: str | None,
    traceback_shown: bool,
) -> None:
    from icscheck import cli, run

    def explode(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(run, "run", explode)
    monkeypatch.setattr("sys.argv", ["icscheck", "check", str(ESSEX)])
    if debug is None:
        monkeypatch.delenv("ICSCHECK_DEBUG", raising=False)
    else:
        monkeypatch.setenv("ICSCHECK_DEBUG", debug)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.rstrip().endswith("ICSCHECK_DEBUG=1 prints.")
    assert ("Traceback (most recent call last)" in error) is traceback_shown
    assert ("RuntimeError: boom" in error.split("icscheck: internal error")[0]) is traceback_shown
