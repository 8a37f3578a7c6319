"""Every CLI failure a new user meets: one line on stderr, exit 2 for usage and 1 at run time, no traceback."""

import pytest

from tasks.cli import main


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def fails(capsys, argv, code):
    """Run `gamehall argv`; assert it exits `code` with exactly one line on stderr and return that line."""
    try:
        got = main(argv)
    except SystemExit as stop:  # argparse's usage errors and --version exit
        got = stop.code
    err = capsys.readouterr().err
    assert got == code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_usage_errors_are_one_line_and_exit_2(capsys, tmp_path):
    assert "not a cost in USD" in fails(capsys, ["run", "smoke", "--limit-cost", "-1"], 2)
    assert "not a TCP port" in fails(capsys, ["serve", "forge", "--transport", "http", "--port", "99999"], 2)
    assert "invalid choice: 'bogus'" in fails(capsys, ["bogus"], 2)


def test_runtime_errors_are_one_line_and_exit_1(capsys, tmp_path):
    line = fails(capsys, ["run", "smoke", "--agent", "random", "--server", "http://127.0.0.1:1/mcp",
                          "--out", str(tmp_path / "run"), "--display", "none"], 1)
    assert "ConnectError" in line
    assert "No such file or directory" in fails(capsys, ["export", str(tmp_path), "-o", "/proc/nowhere/x.jsonl"], 1)


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("gamehall ")


def test_agent_and_serve_mistakes_are_usage_errors(capsys, tmp_path):
    assert "needs a command" in fails(capsys, ["run", "smoke", "--agent", "cmd:", "--out", str(tmp_path / "a")], 2)
    assert "factory" in fails(capsys, ["run", "smoke", "--agent", "python:nocolon", "--out", str(tmp_path / "b")], 2)
    assert "stdio serves one world" in fails(capsys, ["serve", "forge", "kitchen"], 2)
    assert "unknown world 'nowhere'" in fails(capsys, ["serve", "all", "nowhere", "--transport", "http"], 2)


def test_an_unknown_model_provider_is_refused_before_anything_is_played(capsys, tmp_path):
    out = tmp_path / "run"
    line = fails(capsys, ["run", "smoke", "--model", "nosuchprovider/foo", "--out", str(out), "--display", "none"], 2)
    assert "'nosuchprovider/foo': no provider litellm knows" in line and not out.exists()
    assert "'foo'" in fails(capsys, ["episode", "forge", "--agent", "hierarchical", "--slow-model", "foo"], 2)
    assert "Provider List" not in capsys.readouterr().out

