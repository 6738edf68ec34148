#!/usr/bin/env python3
"""A cigate-exec/1 test app: answers many requests at once on threads, replies in any order.

Answers "square of N" with N*N (wrong on purpose when N % 5 == 0, so scores vary), else echoes
the last message. Faults for the tests, all deterministic by --seed:
  --faults RATE      an error reply (retryable) for about RATE of the requests, once per request text
  --crash-after N    exit(3) when the N-th request arrives, once per --marker file
  --crash-always     exit(3) on every first request (the restarts run out)
  --no-hello         never answer the hello;  --wrong-protocol: answer it with another version
  --leak             print APP_TOKEN to stderr, to stdout as noise and into one answer
  --fork-child FILE  start a sleeping child (its pid in FILE): the process group must stop it
  --pidfile FILE     write this process's pid;  --delay-ms D: up to D ms per request
"""
import argparse, hashlib, json, os, random, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

p = argparse.ArgumentParser()
p.add_argument("--faults", type=float, default=0.0)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--crash-after", type=int, default=0)
p.add_argument("--marker", default="")
p.add_argument("--crash-always", action="store_true")
p.add_argument("--no-hello", action="store_true")
p.add_argument("--wrong-protocol", action="store_true")
p.add_argument("--leak", action="store_true")
p.add_argument("--fork-child", default="")
p.add_argument("--pidfile", default="")
p.add_argument("--delay-ms", type=int, default=0)
args = p.parse_args()

out_lock = threading.Lock()
state_lock = threading.Lock()
faulted = set()
count = 0


def send(obj):
    line = json.dumps(obj) + "\n"
    with out_lock:
        sys.stdout.write(line)
        sys.stdout.flush()


def fraction(text):
    digest = hashlib.sha256(f"{args.seed}:{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def answer(req):
    messages = req.get("messages") or []
    text = messages[-1]["content"] if messages else (req.get("prompt") or "")
    if args.delay_ms:
        time.sleep(random.Random(text).random() * args.delay_ms / 1000)
    with state_lock:
        fault = fraction(text) < args.faults and text not in faulted
        if fault:
            faulted.add(text)
    if fault:
        return send({"type": "error", "id": req["id"], "message": "injected fault", "retryable": True})
    if "reject" in text:
        return send({"type": "error", "id": req["id"], "message": "rejected on purpose", "retryable": False})
    words = text.split()
    if "square" in words and words[-1].isdigit():
        n = int(words[-1])
        output = f"The square of {n} is {n * n + (1 if n % 5 == 0 else 0)}."
    else:
        output = "echo: " + text
    if args.leak and "leak" in text:
        output += " token=" + os.environ.get("APP_TOKEN", "")
    reply = {"type": "response", "id": req["id"], "output": output, "finish_reason": "stop",
             "usage": {"prompt_tokens": len(words), "completion_tokens": len(output.split())},
             "trace": {"vars": req.get("vars"), "item": req.get("item")}}
    # The request surface (cigate-exec/1 since tools were passed through): call the first tool, and
    # show what else came in the trace.
    tools = req.get("tools") or []
    if tools:
        reply["tool_calls"] = [{"id": "call_1", "name": tools[0]["function"]["name"], "arguments": {"q": text}}]
        reply["finish_reason"] = "tool_calls"
    surface = {k: req[k] for k in ("tool_choice", "parallel_tool_calls", "response_format") if k in req}
    if surface:
        reply["trace"]["surface"] = surface
    send(reply)


def main():
    global count
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    if args.fork_child:
        child = subprocess.Popen(["sleep", "300"])
        with open(args.fork_child, "w") as f:
            f.write(str(child.pid))
    if args.leak:
        token = os.environ.get("APP_TOKEN", "")
        print("starting with token " + token, file=sys.stderr, flush=True)
        with out_lock:
            print("not protocol: token " + token, flush=True)
    pool = ThreadPoolExecutor(max_workers=16)
    for line in sys.stdin:
        msg = json.loads(line)
        if msg["type"] == "hello":
            if not args.no_hello:
                version = "cigate-exec/0" if args.wrong_protocol else msg["protocol"]
                send({"type": "hello", "protocol": version, "app": "test-app", "version": "1.0"})
            continue
        count += 1
        if args.crash_always or (count == args.crash_after and args.marker and not os.path.exists(args.marker)):
            if args.marker:
                open(args.marker, "w").close()
            print(f"crashing on request {count}", file=sys.stderr, flush=True)
            os._exit(3)
        pool.submit(answer, msg)
    pool.shutdown(wait=True)


main()
