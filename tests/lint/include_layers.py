#!/usr/bin/env python3
"""Fails if an #include points the wrong way: abi -> engine -> ui -> app, and no cycle
between the folders inside engine/ and inside ui/ (a folder may include only folders that
do not include it back, directly or through others). Prints the folder graph it checked.

Usage: include_layers.py SOURCE_DIR
"""
import os
import re
import sys

TOP = ["engine/abi", "engine", "ui", "app"]  # each may include only what is to its left
INCLUDE = re.compile(r'^\s*#\s*include\s+"((?:engine|ui|app)/[^"]+)"', re.M)


def layer(path):
    if path.startswith("engine/abi/"):
        return 0
    return TOP.index(path.split("/")[0])


def folder(path):
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def main(root):
    errors, edges = [], {}
    for top in ("engine", "ui", "app"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if not name.endswith((".cpp", ".hpp", ".h", ".c")):
                    continue
                full = os.path.join(dirpath, name)
                src = os.path.relpath(full, root)
                with open(full, encoding="utf-8") as f:
                    text = f.read()
                for inc in INCLUDE.findall(text):
                    if layer(inc) > layer(src):
                        errors.append(f"{src} includes {inc}: against abi -> engine -> ui -> app")
                    a, b = folder(src), folder(inc)
                    if a != b and a.split("/")[0] == b.split("/")[0] and a.split("/")[0] in ("engine", "ui"):
                        edges.setdefault(a, {}).setdefault(b, src + " -> " + inc)
    # Cycles: depth-first search over the folder graph.
    state, stack = {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, {})):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                errors.append("folder cycle: " + " -> ".join(cycle) + " (e.g. " +
                              edges[node][nxt] + ")")
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    for a in sorted(edges):
        print(f"{a} -> {', '.join(sorted(edges[a]))}")
    for e in errors:
        print("FAIL:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
