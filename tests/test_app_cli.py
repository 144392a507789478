"""``peacesim app`` refuses bad options with one line and exit 2, before serving."""

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
