"""A live tool implementation for record/replay tests: POST /lookup_order with {"order_id": ...}.

A1001 is shipped; any other order is a 404 with an error body. GET /stats counts the calls served.
Prints "listening http://127.0.0.1:PORT" once it accepts connections.
"""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORDERS = {"A1001": {"status": "shipped", "carrier": "DHL"}}
calls = []
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self._send(200, {"calls": list(calls)})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        arguments = json.loads(self.rfile.read(length) or b"{}")
        with lock:
            calls.append({"path": self.path, "arguments": arguments})
        if self.path != "/lookup_order":
            self._send(404, {"error": f"no tool at {self.path}"})
        elif arguments.get("order_id") in ORDERS:
            self._send(200, ORDERS[arguments["order_id"]])
        else:
            self._send(404, {"error": "no such order"})

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
