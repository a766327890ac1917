#!/usr/bin/env python3
"""Embeds files into a C source as a table of {name, data, len, etag}.

usage: embed.py OUT.c SYMBOL FILE...
The table type `struct embedded_file` is declared in src/core/embed.h.
"""
import hashlib, os, sys

def main():
    out, sym, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    lines = ['#include "core/embed.h"', '']
    entries = []
    for i, path in enumerate(sorted(files, key=os.path.basename)):
        data = open(path, 'rb').read()
        etag = hashlib.sha256(data).hexdigest()[:16]
        body = ','.join(str(b) for b in data)
        lines.append('static const unsigned char %s_%d[] = {%s%s0};' % (sym, i, body, ',' if data else ''))
        entries.append('\t{"%s", (const char *)%s_%d, %d, "%s"},' % (os.path.basename(path), sym, i, len(data), etag))
    lines.append('const struct embedded_file %s[] = {' % sym)
    lines += entries
    lines.append('\t{0, 0, 0, 0},')
    lines.append('};')
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')

main()
