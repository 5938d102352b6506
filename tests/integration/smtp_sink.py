#!/usr/bin/python3
"""A real SMTP server for the ticket e-mail tests (Debian's python3-aiosmtpd).

Stores every message it accepts as msg-NNNN.eml, plus msg-NNNN.json: what a mail client would
show, decoded by Python's own e-mail parser (an independent check of our MIME builder), and
msg-NNNN.png, the inline image. Recipients starting with "reject" get a permanent 550, those
starting with "defer" a temporary 451. Prints "port N" once it listens.

usage: smtp_sink.py DIR [--starttls CERT KEY] [--smtps CERT KEY] [--auth USER:PASSWORD]
"""

import argparse
import json
import os
import socket
import ssl
import sys
import threading
import time
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if address.startswith("defer"):
            return "451 4.3.0 <%s>: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        stem = os.path.join(self.folder, "msg-%04d" % number)
        raw = envelope.original_content or envelope.content
        message = BytesParser(policy=policy.default).parsebytes(raw)
        summary = {
            "received_at": time.time(),
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "reply_to": str(message["reply-to"] or ""),
            "date": str(message["date"] or ""),
            "message_id": str(message["message-id"] or ""),
            "defects": [str(d) for part in message.walk() for d in part.defects],
            "structure": [part.get_content_type() for part in message.walk()],
            "max_line_octets": max(len(line) for line in raw.split(b"\r\n")),
            "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
            # STARTTLS sets session.ssl; implicit TLS (SMTPS) shows on the transport.
            "tls": session.ssl is not None or
                   server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
        }
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "text/plain":
                summary["text"] = part.get_content()
            elif kind == "text/html":
                summary["html"] = part.get_content()
            elif kind == "image/png":
                with open(stem + ".png", "wb") as out:
                    out.write(part.get_content())
                summary["png"] = stem + ".png"
                summary["png_content_id"] = str(part["content-id"])
                summary["png_disposition"] = part.get_content_disposition()
        with open(stem + ".eml", "wb") as out:
            out.write(raw)
        with open(stem + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(summary, out, ensure_ascii=False)
        os.rename(stem + ".json.tmp", stem + ".json")
        return "250 2.0.0 Ok: queued as %04d" % number


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    args = parser.parse_args()

    options = {}
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.starttls)
        options.update(tls_context=context, require_starttls=True)
    if args.smtps:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.smtps)
        options.update(ssl_context=context)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def check(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and \
                data.password.decode() == password
            return AuthResult(success=ok)

        options.update(authenticator=check, auth_required=True,
                       auth_require_tls=bool(args.starttls or args.smtps))

    port = free_port()
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=port,
                            server_hostname="localhost", **options)
    controller.start()
    print("port %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
