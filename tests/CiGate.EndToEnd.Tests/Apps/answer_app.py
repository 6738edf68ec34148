#!/usr/bin/env python3
"""A small JSON API with a non-OpenAI shape, for testing CiGate's `http` target.

It answers sums ("What is 3 + 4?") by a deterministic rule, with one deliberate bug: a sum that
is a multiple of 7 comes back one too high, so a suite against it has failing cases too.

  POST /v1/answer   {"question": str, "history": [...], "case": str}  ->  {"result": {"text"}, "meta", "calls", "trace"}
  POST /v1/stream   the same, as server-sent events: {"delta": word} per word, then {"meta", "trace"}, then [DONE]
  GET  /stats       {"requests", "faults": {kind: n}, "retry_after_gaps_ms": [...]}

--fault-rate R injects faults on a fraction R of attempts (500 with the caller's Authorization
echoed in the message, connection resets, 429 with Retry-After: 1, in turn); which attempts fail
is decided by --seed, the case and the attempt number, so every case succeeds on some later attempt.
If APP_TOKEN is set, requests must carry "Authorization: Bearer $APP_TOKEN" (else 401); the reply
echoes the header (and any X-Case header) in its trace, so a client that stores replies must mask it.
Prints "listening http://127.0.0.1:PORT" once ready.
"""
import argparse
import json
import os
import random
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
LOCK = threading.Lock()
ATTEMPTS = {}
LAST_429 = {}
STATS = {"requests": 0, "injected": 0, "faults": {"500": 0, "reset": 0, "429": 0}, "retry_after_gaps_ms": []}


def answer(question):
    match = re.search(r"(-?\d+)\s*\+\s*(-?\d+)", question)
    if not match:
        return "I only do sums."
    total = int(match.group(1)) + int(match.group(2))
    return str(total + 1 if total % 7 == 0 else total)


def fault_for(key):
    with LOCK:
        attempt = ATTEMPTS.get(key, 0) + 1
        ATTEMPTS[key] = attempt
        if key in LAST_429:
            STATS["retry_after_gaps_ms"].append(round((time.monotonic() - LAST_429.pop(key)) * 1000))
    if ARGS.fault_rate <= 0:
        return None
    draw = random.Random(f"{ARGS.seed}|{key}|{attempt}").random()
    if draw >= ARGS.fault_rate:
        return None
    # Which attempts fail is seeded; their kinds take turns, so any run with three faults or more
    # sees every kind (a seeded kind left a 60-case run without a single 500).
    with LOCK:
        STATS["injected"] += 1
        return ("500", "reset", "429")[(STATS["injected"] - 1) % 3]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/stats":
            with LOCK:
                self.send_json(200, STATS)
        else:
            self.send_json(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        with LOCK:
            STATS["requests"] += 1
        auth = self.headers.get("Authorization", "")
        token = os.environ.get("APP_TOKEN")
        if token and auth != f"Bearer {token}":
            return self.send_json(401, {"error": {"message": "missing or wrong bearer token"}})
        try:
            body = json.loads(raw)
            question = body["question"]
        except (ValueError, KeyError, TypeError):
            return self.send_json(400, {"error": {"message": "expected a JSON body with 'question'"}})
        key = f"{body.get('case', '')}|{question}"
        fault = fault_for(key)
        if fault:
            with LOCK:
                STATS["faults"][fault] += 1
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if fault == "429":
                with LOCK:
                    LAST_429[key] = time.monotonic()
                return self.send_json(429, {"error": {"message": "slow down"}}, [("Retry-After", "1")])
            return self.send_json(500, {"error": {"message": f"internal error while serving {auth}"}})
        if ARGS.delay_ms > 0:
            time.sleep(ARGS.delay_ms / 1000)
        text = answer(question)
        history = body.get("history") or []
        meta = {"tokens": {"in": len(question.split()), "out": len(text.split())}, "engine": "calc-1"}
        trace = {"steps": ["parse", "add"], "auth": auth, "history_len": len(history), "path": self.path,
                 "x_case": self.headers.get("X-Case", "")}
        calls = [{"id": "c1", "name": "add", "arguments": {"question": question}}] if "+" in question else []
        if self.path.startswith("/v1/stream"):
            return self.stream(text, meta, trace)
        if self.path.startswith("/v1/answer"):
            return self.send_json(200, {"result": {"text": text}, "meta": meta, "calls": calls, "trace": trace})
        self.send_json(404, {"error": "not found"})

    def stream(self, text, meta, trace):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        words = text.split(" ")
        for i, word in enumerate(words):
            delta = word if i == 0 else " " + word
            self.wfile.write(f"data: {json.dumps({'delta': delta})}\n\n".encode())
        self.wfile.write(f"data: {json.dumps({'meta': meta, 'trace': trace})}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def finish(self):
        try:
            super().finish()
        except (OSError, ValueError):
            pass  # the socket was reset on purpose


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--delay-ms", type=int, default=0)
    ARGS = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    print(f"listening http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
