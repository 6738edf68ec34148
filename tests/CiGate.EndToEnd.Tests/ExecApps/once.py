#!/usr/bin/env python3
"""A mode: once script: reads one request object on stdin and prints the answer as plain text.

A question with "fail" in it exits 1 with a message on stderr; "json" answers with a reply object.
"""
import json, sys

req = json.load(sys.stdin)
text = req["messages"][-1]["content"] if req.get("messages") else req.get("prompt", "")
if "fail" in text:
    print("something went wrong", file=sys.stderr)
    print("boom: cannot answer", file=sys.stderr)
    sys.exit(1)
if "json" in text:
    print(json.dumps({"output": "as json: " + text, "usage": {"prompt_tokens": 3, "completion_tokens": 4}}))
else:
    print("plain: " + text)
