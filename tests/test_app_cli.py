"""``peacesim app`` refuses bad options with one line and exit 2, before serving."""

import os
import socket

import pytest
from support import free_port

from sim.cli import main


@pytest.mark.parametrize(("argv", "message"), [
    (["app", "--port", "abc"], "'abc' is not a whole number"),
    (["app", "--port", "0"], "must be at least 1"),
    (["app", "--scenario-dir", "no/such/folder"], "--scenario-dir no/such/folder: no such folder"),
])
def test_bad_options_exit_2_with_one_line(argv, message, capsys):
    if "--port" not in argv:
        argv = [*argv, "--port", str(free_port())]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_port_in_use_is_refused(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"--port {port}: already in use" in err
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_host_name_is_named_as_such(capsys):
    assert main(["app", "--host", "no-such-host.invalid", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert "--host no-such-host.invalid: no such host name or address" in err
    assert "in use" not in err
    assert len(err.strip().splitlines()) == 1


def test_an_address_of_another_machine_is_refused(capsys):
    assert main(["app", "--host", "192.0.2.1", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert "--host 192.0.2.1: this machine cannot listen there" in err


@pytest.fixture
def solara_started(monkeypatch):
    """``serve`` up to the point where Solara's server would start (then returns)."""
    import solara.__main__

    calls = []
    monkeypatch.setattr(solara.__main__.run, "main",
                        lambda argv, standalone_mode: calls.append(argv))
    monkeypatch.delenv("SOLARA_TELEMETRY_MIXPANEL_ENABLE", raising=False)
    saved = dict(os.environ)
    yield calls
    os.environ.clear()  # serve() sets Solara's variables for its process
    os.environ.update(saved)


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False),
                                              ("0.0.0.0", True)])
def test_listening_beyond_this_machine_prints_a_warning(host, warned, solara_started, capsys):
    assert main(["app", "--host", host, "--port", str(free_port())]) == 0
    err = capsys.readouterr().err
    assert ("anyone who can reach this machine" in err) is warned
    assert ("no login" in err) is warned
    assert solara_started[0][0] == "sim.page.layout"


def test_telemetry_is_off_whatever_the_environment_says(solara_started, monkeypatch,
                                                         tmp_path):
    import solara.server.settings as settings

    monkeypatch.setenv("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "true")
    monkeypatch.setattr(settings.telemetry, "mixpanel_enable", True)
    (tmp_path / ".env").write_text("SOLARA_TELEMETRY_MIXPANEL_ENABLE=true\n")
    monkeypatch.chdir(tmp_path)
    assert main(["app", "--port", str(free_port())]) == 0
    assert settings.telemetry.mixpanel_enable is False
    assert os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "false"
