#!/usr/bin/env python3
"""tui_pty.py: run the reader on a pseudo-terminal, type keys, and write
every byte it sent to the terminal to a file, for the tests that look at
escape sequences themselves (tmux would interpret them).

usage: tui_pty.py OUT DOSSIER ARGS... -- KEY...
Keys are sent one by one, 0.4 s apart; ENTER is a carriage return.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

out_path, argv = sys.argv[1], sys.argv[2:]
sep = argv.index("--")
cmd, keys = argv[:sep], argv[sep + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
out = bytearray()


def pump(seconds):
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            out.extend(data)
    return True


pump(1.5)
for k in keys:
    os.write(fd, b"\r" if k == "ENTER" else k.encode())
    pump(0.4)
os.write(fd, b"Q")
pump(1.0)
os.waitpid(pid, 0)
with open(out_path, "wb") as fp:
    fp.write(out)
