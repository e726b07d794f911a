#!/usr/bin/env python3
"""Counts the public API: the items of rustdoc's "all items" page.

Run `cargo doc --no-deps` first. Prints the number of items (the <li> links to an item's
page, without the sidebar's links to the page's own sections), then, with -v, each item.
"""
import re
import sys

html = open("target/doc/pacte/all.html", encoding="utf-8").read()
items = re.findall(r'<li><a href="([^"#][^"]*)">([^<]+)</a></li>', html)
sections = len(re.findall(r'<li><a href="#', html))
print(f"{len(items)} items ({len(items) + sections} <li> with the {sections} section links)")
if "-v" in sys.argv:
    for _, name in items:
        print(name)
