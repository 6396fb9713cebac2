"""The emulator's one threaded HTTP/1.1 server on 127.0.0.1: reads a request, hands it to App.handle,
writes the answer (always with Content-Length, so clients can keep connections alive) or drops the
connection without a word when a fault says so. make_server(app, port) binds (port 0: a free one).
"""
import socket
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .app import Request, Response


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AmazonEmulator"
    sys_version = ""
    timeout = 60  # An idle keep-alive connection's thread ends after this.

    def log_message(self, format, *args):  # noqa: A002  The request log is the emulator's own.
        pass

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]},{value}" if name in headers else value
        try:
            response = self.server.app.handle(Request(self.command, self.path, headers, body))
        except Exception:  # noqa: BLE001  An emulator bug: say so on stderr, answer like the service would.
            traceback.print_exc()
            response = Response(500, body=b'{"__type": "InternalFailure", "message": "emulator error"}')
        if response.drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        if response.chunks is not None:
            self._send_chunked(response)
            return
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _send_chunked(self, response):
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for chunk in response.chunks:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:  # The client gave up on the answer: what the hostile kinds expect.
            self.close_connection = True

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(app, port=0):
    server = _Server(("127.0.0.1", port), _Handler)
    server.app = app
    return server
