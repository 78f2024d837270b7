"""`icscheck diff`: two versions of a file, or every ICS file changed since a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import AS_OF, SAMPLES, invoke

LANCASHIRE = SAMPLES / "lancashire-and-south-cumbria.ics.yaml"
"""A sample with old debt (ICB005, ICP003) and one local authority partner member."""
LA_PARTNER = """\
    - name: Alan Cragg
      role: partner_member
      nominated_by: local_authorities
      organisation: Blackburn with Darwen Borough Council
      sector: local_authority
      appointed: 2022-07-01
      term_ends: 2029-06-30
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose one commit holds the Lancashire sample as `icb.ics.yaml`."""
    git(tmp_path, "init", "-q")
    shutil.copy(LANCASHIRE, tmp_path / "icb.ics.yaml")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def icscheck(repo: Path, command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, run inside the repository as a CI job would, on the tests' date."""
    return subprocess.run(
        [sys.executable, "-m", "icscheck", command, "--as-of", AS_OF, *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def remove_la_partner(repo: Path) -> None:
    path = repo / "icb.ics.yaml"
    text = path.read_text()
    assert LA_PARTNER in text
    path.write_text(text.replace(LA_PARTNER, ""))


def test_removing_the_local_authority_partner_introduces_icb006_and_fails(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    remove_la_partner(repo)
    done = icscheck(repo, "diff", "--git", base, "--format", "text")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"== {base}:icb.ics.yaml -> icb.ics.yaml"
    assert (
        "left the board: 'Alan Cragg' (partner member, nominated by the local authorities)" in lines
    )
    introduced = [line for line in lines if line.startswith("introduced: ")]
    unchanged = [line for line in lines if line.startswith("unchanged: ")]
    assert [line.split()[2] for line in introduced] == ["ICB006"]
    assert sorted(line.split()[2] for line in unchanged) == ["ICB005", "ICP003"]
    assert "1 introduced, 0 resolved, 2 unchanged" in done.stderr


def test_old_debt_alone_does_not_fail(repo: Path) -> None:
    """The base has errors (ICB005, ICP003); a change that adds none exits 0 and lists them."""
    path = repo / "icb.ics.yaml"
    path.write_text(path.read_text().replace("term_ends: 2029-06-30", "term_ends: 2030-06-30", 1))
    done = icscheck(repo, "diff", "--git", "HEAD", "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    (file,) = document["files"]
    assert file["introduced"] == file["resolved"] == []
    assert {f["rule"] for f in file["unchanged"]} == {"ICB005", "ICP003"}
    (change,) = file["members"]["changed"]
    assert change["field"] == "term_ends"
    assert (change["old"], change["new"]) == ("2029-06-30", "2030-06-30")


def test_a_change_of_comments_and_line_positions_is_an_empty_diff(repo: Path) -> None:
    path = repo / "icb.ics.yaml"
    path.write_text("# a new comment\n\n\n" + path.read_text().replace("\n\n", "\n# note\n\n"))
    done = icscheck(repo, "diff", "HEAD:icb.ics.yaml", "icb.ics.yaml", "--format", "text")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    document = json.loads(icscheck(repo, "diff", "--git", "HEAD", "-f", "json").stdout)
    (file,) = document["files"]
    assert file["introduced"] == file["resolved"] == []
    assert file["members"] == {"joined": [], "left": [], "changed": []}
    assert document["counts"] == {"introduced": 0, "resolved": 0, "unchanged": 2}


def test_rev_path_against_a_file_and_resolved_findings(repo: Path) -> None:
    """Restoring the removed member, compared the other way round, resolves ICB006."""
    remove_la_partner(repo)
    git(repo, "commit", "-q", "-am", "remove")
    done = icscheck(repo, "diff", "HEAD:icb.ics.yaml", str(LANCASHIRE), "-f", "json")
    assert done.returncode == 0, done.stderr
    (file,) = json.loads(done.stdout)["files"]
    assert [f["rule"] for f in file["resolved"]] == ["ICB006"]
    assert [m["name"] for m in file["members"]["joined"]] == ["Alan Cragg"]


def test_files_added_and_deleted_compare_against_nothing(repo: Path) -> None:
    shutil.copy(repo / "icb.ics.yaml", repo / "second.ics.yaml")
    git(repo, "add", "second.ics.yaml")
    (repo / "icb.ics.yaml").unlink()
    (repo / "notes.yaml").write_text("not: an ics file\n")
    done = icscheck(repo, "diff", "--git", "HEAD", "-f", "json")
    assert done.returncode == 1, done.stderr
    files = {(f["old"], f["new"]): f for f in json.loads(done.stdout)["files"]}
    added = files[(None, "second.ics.yaml")]
    deleted = files[("HEAD:icb.ics.yaml", None)]
    assert {f["rule"] for f in added["introduced"]} == {"ICB005", "ICP003"}
    assert {f["rule"] for f in deleted["resolved"]} == {"ICB005", "ICP003"}
    assert deleted["members"]["joined"] == [] and len(deleted["members"]["left"]) > 5


def test_git_paths_limit_the_files_compared(repo: Path) -> None:
    remove_la_partner(repo)
    done = icscheck(repo, "diff", "--git", "HEAD", "elsewhere", "-f", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("diff", "nope:icb.ics.yaml", "icb.ics.yaml"), "invalid object name 'nope'"),
        (("diff", "HEAD:missing.ics.yaml", "icb.ics.yaml"), "'missing.ics.yaml' does not exist"),
        (("diff", "--git", "nope"), "nope"),
        (("diff", "icb.ics.yaml"), "two versions"),
        (("diff", "icb.ics.yaml", "absent.ics.yaml"), "absent.ics.yaml"),
    ],
)
def test_unreadable_versions_are_one_line_and_exit_2(
    repo: Path, args: tuple[str, ...], message: str
) -> None:
    done = icscheck(repo, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("icscheck: error: ") and done.stderr.count("\n") == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_outside_a_repository_is_one_line(tmp_path: Path) -> None:
    done = icscheck(tmp_path, "diff", "--git", "HEAD")
    assert done.returncode == 2
    assert done.stderr.startswith("icscheck: error: git rev-parse: not a git repository")


def test_fail_on_and_select_apply_to_what_is_introduced(repo: Path) -> None:
    remove_la_partner(repo)
    ignored = icscheck(repo, "diff", "--git", "HEAD", "--ignore", "ICB006", "-f", "json")
    assert ignored.returncode == 0
    (file,) = json.loads(ignored.stdout)["files"]
    assert file["introduced"] == []
    assert [m["name"] for m in file["members"]["left"]] == ["Alan Cragg"]
    several = icscheck(repo, "diff", "--git", "HEAD", "-e", "all", "-f", "json")
    (file,) = json.loads(several.stdout)["files"]
    assert {(f["edition"], f["rule"]) for f in file["introduced"]} >= {("hca-2022", "ICB006")}


def test_markdown_and_rich_name_the_change(repo: Path) -> None:
    remove_la_partner(repo)
    markdown = icscheck(repo, "diff", "--git", "HEAD", "-f", "markdown")
    assert markdown.returncode == 1
    assert markdown.stdout.startswith("## icscheck diff\n")
    assert "**Introduced**" in markdown.stdout and "| ICB006 | error |" in markdown.stdout
    assert "partner\\_member" in markdown.stdout
    rich = icscheck(repo, "diff", "--git", "HEAD", "-f", "rich")
    assert "introduced icb.ics.yaml" in rich.stdout and "Alan Cragg" in rich.stdout


def test_a_changed_partnership_member_is_reported(tmp_path: Path) -> None:
    old = tmp_path / "old.ics.yaml"
    new = tmp_path / "new.ics.yaml"
    text = LANCASHIRE.read_text()
    old.write_text(text)
    new.write_text(text.replace("sector: local_authority", "sector: public_health"))
    result = invoke("diff", old, new, "--as-of", AS_OF, "-f", "json")
    changes = json.loads(result.stdout)["files"][0]["members"]["changed"]
    assert {c["body"] for c in changes} == {"board", "partnership"}
    assert all(c["field"] == "sector" for c in changes)


def test_help_names_the_options() -> None:
    result = invoke("diff", "--help")
    assert result.exit_code == 0
    assert "--git" in result.stdout and "REV" in result.stdout and "markdown" in result.stdout


@pytest.mark.parametrize("revision", ["--output=stolen", "-p"])
def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, revision: str) -> None:
    shown = icscheck(repo, "diff", "--", f"{revision}:icb.ics.yaml", "x.ics.yaml")
    listed = icscheck(repo, "diff", f"--git={revision}")
    for done in (shown, listed):
        assert done.returncode == 2
        assert done.stderr == f"icscheck: error: '{revision}' is not a git revision\n"
    assert not (repo / "stolen").exists()


def test_settings_and_suppressions_apply(repo: Path) -> None:
    """The project's settings choose the rules; a reasoned suppression sets a finding aside."""
    remove_la_partner(repo)
    (repo / ".icscheck.yaml").write_text("ignore: [ICB005]\n")
    done = icscheck(repo, "diff", "--git", "HEAD", "-f", "json")
    (file,) = json.loads(done.stdout)["files"]
    assert {f["rule"] for f in file["unchanged"]} == {"ICP003"}
    path = repo / "icb.ics.yaml"
    lines = path.read_text().splitlines()
    assert lines[25].strip() == "members:"
    lines[25] += "  # icscheck: ignore[ICB006] the councils' nominee is appointed in January"
    path.write_text("\n".join(lines) + "\n")
    done = icscheck(repo, "diff", "--git", "HEAD", "-f", "json")
    assert done.returncode == 0, done.stdout
    (file,) = json.loads(done.stdout)["files"]
    assert file["introduced"] == []
