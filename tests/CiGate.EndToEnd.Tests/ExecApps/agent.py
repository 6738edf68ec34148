#!/usr/bin/env python3
"""An app with its own agent loop (its own tools): it answers a support-desk question by calling its
tools itself and reports its trajectory, each call with its result, next to the final answer.

  agent.py          speaks cigate-exec/1 on stdin/stdout (an exec target)
  agent.py --http   serves POST /agent on 127.0.0.1 (an http target), printing "listening URL"

"Where is my order A1001?" -> lookup_order(A1001); "... change the address to X" -> update_address;
"refund" -> refund_order, which fails (error: true); anything else -> no call.
"""
import json, re, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORDERS = {"A1001": {"status": "shipped", "carrier": "DHL"}}


def run(text):
    """The app's own loop over its tools: the calls it made (with results) and its answer."""
    order = (re.search(r"[A-Z]\d{4}", text) or [None])[0] or "A1001"
    if "Where is my order" in text:
        result = ORDERS.get(order, {"error": "no such order"})
        return [{"name": "lookup_order", "arguments": {"order_id": order}, "result": result}], \
            f"Your order {order} has shipped with DHL." if order in ORDERS else "I cannot find it."
    m = re.search(r"address to (.+?)\.?$", text)
    if m:
        args = {"order_id": "A1001", "address": m.group(1)}
        return [{"name": "update_address", "arguments": args, "result": {"updated": True}}], "Done."
    if "refund" in text.lower():
        call = {"name": "refund_order", "arguments": {"order_id": "A1001"},
                "result": "refunds need a human agent", "error": True}
        return [call], "Refunds need a human agent; I passed it on."
    return [], "Hello! How can I help?"


def last_user(messages):
    return next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        history = body["history"]
        calls, answer = run(last_user(json.loads(history) if isinstance(history, str) else history))
        data = json.dumps({"answer": answer, "steps": calls}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    if "--http" in sys.argv:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(f"listening http://127.0.0.1:{server.server_address[1]}", flush=True)
        server.serve_forever()
        return
    lock = threading.Lock()
    for line in sys.stdin:
        msg = json.loads(line)
        if msg["type"] == "hello":
            reply = {"type": "hello", "protocol": msg["protocol"], "app": "agent", "version": "1.0"}
        else:
            calls, answer = run(last_user(msg.get("messages") or []))
            reply = {"type": "response", "id": msg["id"], "output": answer, "tool_calls": calls}
        with lock:
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()


main()
