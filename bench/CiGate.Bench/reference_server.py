#!/usr/bin/env python3
"""A reference streaming server for the packet-fidelity bench: OpenAI-style SSE over HTTP/1.1,
written with nothing but Python's asyncio, so the client is checked against a server that shares
no code (and no runtime) with CiGate or its simulator.

    python3 reference_server.py --ttft 50 --itl 10

prints its base URL (http://127.0.0.1:PORT/v1/) on the first line of stdout, then serves until
killed. POST /v1/chat/completions and /v1/completions with "stream": true answer max_tokens
tokens: the first after --ttft ms, each next --itl ms after the previous one (one timer per
stream), one SSE event per token, each written and drained on its own; then a usage event and
[DONE]. GET /v1/models lists the one model. Anything else is 404.
"""
import argparse
import asyncio
import json
import sys
import time

MODEL = "reference"


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return method, path, headers, body


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def event(payload) -> bytes:
    text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return chunk(b"data: " + text.encode() + b"\n\n")


async def stream(writer, path, body, ttft, itl):
    request = json.loads(body or b"{}")
    tokens = int(request.get("max_tokens") or 16)
    chat = path.endswith("/chat/completions")
    created = int(time.time())
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
                 b"transfer-encoding: chunked\r\n\r\n")
    await writer.drain()
    start = time.monotonic()
    for i in range(tokens):
        # Each token is due at start + ttft + i * itl: sleeping to the deadline keeps the gaps from drifting.
        due = start + (ttft + i * itl) / 1000.0
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        text = f" tok{i}"
        if chat:
            choice = {"index": 0, "delta": {"role": "assistant", "content": text} if i == 0 else {"content": text},
                      "finish_reason": None}
            payload = {"id": "ref", "object": "chat.completion.chunk", "created": created, "model": MODEL,
                       "choices": [choice]}
        else:
            payload = {"id": "ref", "object": "text_completion", "created": created, "model": MODEL,
                       "choices": [{"index": 0, "text": text, "finish_reason": None}]}
        writer.write(event(payload))
        await writer.drain()
    prompt_tokens = len(json.dumps(request.get("messages") or request.get("prompt") or "").split())
    usage = {"prompt_tokens": prompt_tokens, "completion_tokens": tokens, "total_tokens": prompt_tokens + tokens}
    final = {"id": "ref", "object": "chat.completion.chunk" if chat else "text_completion", "created": created,
             "model": MODEL, "choices": [], "usage": usage}
    writer.write(event(final) + event("[DONE]") + b"0\r\n\r\n")
    await writer.drain()


async def handle(reader, writer, ttft, itl):
    try:
        while True:
            try:
                method, path, headers, body = await read_request(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            if method == "POST" and path.endswith(("/chat/completions", "/completions")):
                await stream(writer, path, body, ttft, itl)
            elif method == "GET" and path.endswith("/models"):
                data = json.dumps({"object": "list", "data": [{"id": MODEL, "object": "model"}]}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
                             % (len(data), data))
                await writer.drain()
            else:
                writer.write(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
            if headers.get("connection", "").lower() == "close":
                return
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ttft", type=float, default=50)
    parser.add_argument("--itl", type=float, default=10)
    args = parser.parse_args()
    server = await asyncio.start_server(lambda r, w: handle(r, w, args.ttft, args.itl), "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    print(f"http://127.0.0.1:{port}/v1/", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
