"""Opt-in LiveSplit connection (its TCP server, default localhost:16834).

The game never waits on it: commands go into a queue that a background thread sends. If
LiveSplit is not running, or goes away mid-run, the game says so once and plays on."""

from __future__ import annotations

import queue
import socket
import threading

from game.speedrun.timefmt import format_livesplit

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 16834
CONNECT_TIMEOUT = 1.0
_STOP = object()


def parse_address(text: str | None) -> tuple[str, int]:
    """'HOST:PORT', 'HOST' or None → (host, port); raises ValueError with a clear message."""
    if not text:
        return DEFAULT_HOST, DEFAULT_PORT
    host, sep, port_text = text.rpartition(":")
    if not sep:
        return text, DEFAULT_PORT
    try:
        port = int(port_text)
    except ValueError:
        raise ValueError(f"LiveSplit port must be a number, not '{port_text}'") from None
    if not 1 <= port <= 65535:
        raise ValueError(f"LiveSplit port {port} is out of range")
    return host or DEFAULT_HOST, port


class LiveSplitClient:
    def __init__(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT):
        self.host = host
        self.port = port
        self._queue: queue.Queue = queue.Queue()
        self._notices: queue.Queue = queue.Queue()
        self._socket: socket.socket | None = None
        self._complained = False
        self._thread = threading.Thread(target=self._run, name="livesplit", daemon=True)
        self._thread.start()

    # -- what the game calls (never blocks) -----------------------------------------------

    def run_started(self) -> None:
        self._send(
            "reset",
            "switchto gametime",
            "initgametime",
            "starttimer",
            "pausegametime",
            "setgametime 0:00:00.000",
        )

    def game_time(self, ticks: int) -> None:
        self._send(f"setgametime {format_livesplit(ticks)}")

    def split(self, ticks: int) -> None:
        self._send(f"setgametime {format_livesplit(ticks)}", "split")

    def reset(self) -> None:
        self._send("reset")

    def notices(self) -> list[str]:
        """Messages for the player (said once), drained."""
        out = []
        while True:
            try:
                out.append(self._notices.get_nowait())
            except queue.Empty:
                return out

    def close(self, timeout: float = 1.0) -> None:
        self._queue.put(_STOP)
        self._thread.join(timeout)

    def _send(self, *commands: str) -> None:
        for command in commands:
            self._queue.put(command)

    # -- the sending thread ---------------------------------------------------------------

    def _run(self) -> None:
        while True:
            command = self._queue.get()
            if command is _STOP:
                break
            if self._socket is None and not self._connect():
                continue
            try:
                self._socket.sendall(command.encode("ascii") + b"\r\n")
            except OSError:
                self._drop("LiveSplit went away; the run goes on without it.")
        if self._socket is not None:
            self._socket.close()

    def _connect(self) -> bool:
        if self._complained:
            return False  # said once; don't retry on every command
        try:
            self._socket = socket.create_connection((self.host, self.port), CONNECT_TIMEOUT)
            self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return True
        except OSError:
            self._drop(
                f"LiveSplit is not answering at {self.host}:{self.port}; playing on without it."
            )
            return False

    def _drop(self, message: str) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if not self._complained:
            self._complained = True
            self._notices.put(message)
