#!/usr/bin/env python3
"""Starts `COMMAND... lsp`, opens a draft and waits for its diagnostics.

    scripts/lsp-smoke.py DRAFT COMMAND...

e.g. `scripts/lsp-smoke.py examples/draft.txt target/release/gouji`, or under wine
`scripts/lsp-smoke.py examples/draft.txt wine64 gouji.exe`. Prints the published
diagnostics' codes, one a line, sorted; exits 1 when none arrive within 60 s.
The client does not pull diagnostics, so the server pushes them.
"""
import json
import pathlib
import subprocess
import sys
import threading


def frame(message):
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frames(stream, out):
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        if length is None:
            return
        out(json.loads(stream.read(length)))


def main():
    draft = pathlib.Path(sys.argv[1]).resolve()
    command = sys.argv[2:] + ["lsp"]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    published = threading.Event()
    codes = []
    initialized = threading.Event()
    uri = draft.as_uri()

    def on_message(message):
        if message.get("id") == 1 and "result" in message:
            initialized.set()
        elif message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            if params["uri"] == uri and params["diagnostics"]:
                codes.extend(d.get("code", "") for d in params["diagnostics"])
                published.set()
        elif "id" in message and "method" in message:
            # A request from the server (configuration, registration): answer it.
            result = [None] * len(message["params"]["items"]) if message["method"] == "workspace/configuration" else None
            server.stdin.write(frame({"jsonrpc": "2.0", "id": message["id"], "result": result}))
            server.stdin.flush()

    reader = threading.Thread(target=read_frames, args=(server.stdout, on_message), daemon=True)
    reader.start()
    send = lambda m: (server.stdin.write(frame(m)), server.stdin.flush())
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    if not initialized.wait(60):
        print("no answer to initialize within 60 s", file=sys.stderr)
        server.kill()
        return 1
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    raw = draft.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # as an editor would read a GBK draft
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    ok = published.wait(60)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
    if not ok:
        print("no diagnostics within 60 s", file=sys.stderr)
        return 1
    for code in sorted(codes):
        print(code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
