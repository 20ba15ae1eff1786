"""A real SMTP server on loopback (aiosmtpd) for the outbox fault tests.

It listens on 127.0.0.1 on a port the system picks, records every message it accepts and can be
told to refuse: ``refusing`` (a callable) answers DATA with a 451 while it returns true, and
``refuse_rcpt`` maps addresses to a reply for RCPT (e.g. a permanent 550).
"""

import email
import logging
import threading
from collections import Counter

from aiosmtpd.controller import Controller

TRY_AGAIN = "451 4.3.0 try again later"
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command


class _EphemeralPortController(Controller):
    """aiosmtpd's Controller, bound to port 0: the port is read back once the server listens."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class RecordingHandler:
    def __init__(self):
        self.refusing = lambda: False
        self.refuse_rcpt: dict[str, str] = {}
        self.on_accept = None  # called with the number of messages accepted so far
        self.received: list[email.message.Message] = []
        self.refused = 0
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refuse_rcpt.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refusing():
            with self._lock:
                self.refused += 1
            return TRY_AGAIN
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self._lock:
            self.received.append(message)
            count = len(self.received)
        if self.on_accept is not None:
            self.on_accept(count)
        return "250 OK"

    def message_ids(self) -> Counter:
        with self._lock:
            return Counter(m["Message-ID"] for m in self.received)


class SmtpServer:
    def __init__(self):
        self.handler = RecordingHandler()
        self._controller = _EphemeralPortController(
            self.handler, hostname="127.0.0.1", port=0, ready_timeout=10
        )

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()

    @property
    def port(self) -> int:
        return self._controller.port

    def django_settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 10,
        }
