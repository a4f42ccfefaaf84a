#!/usr/bin/env python3
"""Writes Sources/Delivery/BuiltinPresets.swift from presets/*.toml (BuiltinPresetsTests checks they agree)."""
import os
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
names = sorted(n for n in os.listdir(os.path.join(root, "presets")) if n.endswith(".toml"))
out = ["// Generated from presets/*.toml by scripts/regenerate-builtin-presets.py; BuiltinPresetsTests fails when they drift.",
       "/// The shipped delivery presets, compiled in so an installed binary always has them.",
       "enum BuiltinPresets {",
       "    static let files: [String: String] = ["]
for n in names:
    text = open(os.path.join(root, "presets", n), encoding="utf-8").read()
    out.append('        "%s": #"""\n%s\n"""#,' % (n, text))
out += ["    ]", "}", ""]
open(os.path.join(root, "Sources/Delivery/BuiltinPresets.swift"), "w", encoding="utf-8").write("\n".join(out))
