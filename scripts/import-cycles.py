#!/usr/bin/env python3
"""Lists the import cycles between source files of src/ (a `use` or a `crate::`/`super::`
path in code, test modules and comments left out), and exits 1 if there is one.

    python3 scripts/import-cycles.py

A file's imports are the files its paths name (`crate::layout::words::Words` names
src/layout/words.rs); a cycle is a strongly connected set of two files or more."""
import collections
import os
import re
import sys

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def module_path(path):
    parts = path[len("src/"):-len(".rs")].split("/")
    return parts[:-1] if parts[-1] in ("mod", "lib", "main") else parts


def resolve(module):
    for k in range(len(module), 0, -1):
        base = "src/" + "/".join(module[:k])
        for candidate in (base + ".rs", base + "/mod.rs"):
            if os.path.isfile(candidate):
                return candidate
    return None


graph = collections.defaultdict(set)
for root, _, names in os.walk("src"):
    for name in names:
        path = os.path.join(root, name)
        if not name.endswith(".rs") or name.endswith("tests.rs") or path == "src/main.rs":
            continue
        here = module_path(path)
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line.startswith("#[cfg(test)]"):
                break
            if line.startswith("//"):
                continue
            for m in re.finditer(r"\b(crate|super|self)((?:::[A-Za-z_]+)+)", line):
                base, rest = m.group(1), m.group(2).split("::")[1:]
                module = {"crate": rest, "super": here[:-1] + rest, "self": here + rest}[base]
                target = resolve(module)
                if target and target != path:
                    graph[path].add(target)

# Tarjan's strongly connected components.
index, low, stack, on_stack, cycles = {}, {}, [], set(), []
sys.setrecursionlimit(10_000)


def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on_stack.add(v)
    for w in graph[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while True:
            w = stack.pop()
            on_stack.discard(w)
            component.append(w)
            if w == v:
                break
        if len(component) > 1:
            cycles.append(sorted(component))


for v in list(graph):
    if v not in index:
        visit(v)
for c in cycles:
    print("cycle:", " ".join(c))
print(f"{len(graph)} files, {len(cycles)} import cycle(s)")
sys.exit(1 if cycles else 0)
