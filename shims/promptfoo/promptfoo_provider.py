#!/usr/bin/env python3
"""cigate's shim for promptfoo script providers, run by a `type: exec`, `mode: once` target.

`cigate import promptfoo` writes it beside the converted config (cigate-shims/) and points the
target at it. cigate writes one cigate-exec/1 request object to stdin; this shim calls the
promptfoo provider and prints one reply object. See docs/coming-from-promptfoo.md.

  promptfoo_provider.py python FILE [FUNCTION] [CONFIG_JSON]
      imports FILE, calls FUNCTION (default call_api) as promptfoo does:
      call_api(prompt, options={"config": CONFIG}, context={"vars": VARS}), awaited if async;
      the result's "output" is the answer ("error" fails the case, "tokenUsage" is the usage).
  promptfoo_provider.py exec COMMAND [CONFIG_JSON]
      runs COMMAND (split like a shell, no shell) with three more arguments, as promptfoo's
      `exec:` provider does: the prompt, the options JSON and the context JSON; its stdout is
      the answer, a non-zero exit fails the case.

The prompt is the request's prompt or, for chat messages, the last message's content when it
is the only one, else the messages as JSON (as promptfoo passes chat prompts).
"""
import asyncio
import importlib.util
import inspect
import json
import os
import shlex
import subprocess
import sys


def prompt_of(request):
    if request.get("prompt") is not None:
        return request["prompt"]
    messages = request.get("messages") or []
    if len(messages) == 1:
        return messages[0].get("content") or ""
    return json.dumps(messages)


def reply(output, usage=None):
    answer = {"type": "response", "output": output if isinstance(output, str) else json.dumps(output)}
    if usage:
        answer["usage"] = usage
    print(json.dumps(answer))


def fail(message, retryable=False):
    print(json.dumps({"type": "error", "message": str(message), "retryable": retryable}))


def run_python(path, function, config, request):
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("promptfoo_provider_module", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    call = getattr(module, function, None)
    if call is None:
        return fail(f"{path} has no function '{function}'")
    result = call(prompt_of(request), {"config": config}, {"vars": request.get("vars") or {}})
    if inspect.isawaitable(result):
        result = asyncio.run(result)
    if not isinstance(result, dict):
        return fail(f"{function} returned {type(result).__name__}, not a dict with 'output'")
    if result.get("error"):
        return fail(result["error"])
    usage = result.get("tokenUsage") or {}
    tokens = None
    if isinstance(usage.get("prompt"), int) and isinstance(usage.get("completion"), int):
        tokens = {"prompt_tokens": usage["prompt"], "completion_tokens": usage["completion"]}
    reply(result.get("output", ""), tokens)


def run_exec(command, config, request):
    argv = shlex.split(command) + [prompt_of(request), json.dumps({"config": config}),
                                   json.dumps({"vars": request.get("vars") or {}})]
    done = subprocess.run(argv, capture_output=True, text=True)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return fail(last, retryable=True)
    reply(done.stdout.rstrip("\n"))


def main():
    request = json.loads(sys.stdin.read() or "{}")
    kind, args = sys.argv[1], sys.argv[2:]
    if kind == "python":
        path = args[0]
        function = args[1] if len(args) > 1 and args[1] else "call_api"
        config = json.loads(args[2]) if len(args) > 2 else {}
        run_python(path, function, config, request)
    elif kind == "exec":
        run_exec(args[0], json.loads(args[1]) if len(args) > 1 else {}, request)
    else:
        fail(f"unknown provider kind '{kind}'")


if __name__ == "__main__":
    main()
