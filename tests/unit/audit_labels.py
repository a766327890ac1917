#!/usr/bin/env python3
"""Every audit action and entity type the code base writes has a Chinese label.

Reads the sources under src/ (the argument): the actions written are the
string literals given as an audit event's .action, to req_audit_commit, or
to the command line's finish(); the labels are the keys of the core's
core_labels and every module's audit_labels. Actions built at run time
("disclosure.%s" from a route's last segment) are listed in DYNAMIC below:
add a new one there. Exits 1 naming each action without a label."""
import pathlib
import re
import sys

# Actions whose names are built at run time, as they come out.
DYNAMIC = {
    "disclosure.submit", "disclosure.publish", "disclosure.withdraw", "disclosure.return",
    "disclosure.two_person", "disclosure.review_objections",
    "disclosure.two_person_request", "disclosure.review_objections_request",
    "disclosure.two_person_cancel", "disclosure.review_objections_cancel",
    "disclosure.two_person_reject", "disclosure.review_objections_reject",
    # workorders.<action> from the order page's step (wpages)
    "workorders.accept", "workorders.reject", "workorders.assign", "workorders.start", "workorders.reply",
    "workorders.close", "workorders.transfer", "workorders.merge", "workorders.extend_ask",
    "workorders.extend_approve", "workorders.extend_refuse", "workorders.note",
}
ACTION = re.compile(r'(?:\.action\s*=\s*|req_audit_commit\(\s*r,\s*|finish\(\s*db,\s*)"([a-z_][a-z_.]*)"')
# An action chosen between literals: cond ? "a.b" : "c.d" as the action argument or field.
TERNARY = re.compile(r'(?:\.action\s*=|req_audit_commit\(\s*r,|audit_action\s*=)[^;]*?\?\s*"([a-z_]+\.[a-z_.]+)"\s*:\s*"([a-z_]+\.[a-z_.]+)"')
ENTITY = re.compile(r'(?:\.entity\s*=\s*|req_audit_commit\(\s*r,\s*[^,()]+,\s*)"([a-z_]+)"')
ASSIGNED = re.compile(r'audit_action\s*=\s*"([a-z_.]+)"')
LABELS = re.compile(r'(?:audit_labels|core_labels)\[\]\s*=\s*\{(.*?)\n\};', re.S)
KEY = re.compile(r'\{\s*"([a-z_][a-z_.]*)"\s*,\s*"[^"]+"\s*\}')


def main(root):
    actions, labels = {a: "(built at run time)" for a in DYNAMIC}, set()
    root = pathlib.Path(root).resolve()
    for path in root.rglob("*.c"):
        if "tests" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for rx in (ACTION, ASSIGNED):
            for m in rx.finditer(text):
                actions.setdefault(m.group(1), str(path))
        for m in ENTITY.finditer(text):
            actions.setdefault(m.group(1), str(path))
        for m in TERNARY.finditer(text):
            actions.setdefault(m.group(1), str(path))
            actions.setdefault(m.group(2), str(path))
        for block in LABELS.finditer(text):
            labels.update(KEY.findall(block.group(1)))
    missing = sorted(a for a in actions if a not in labels)
    for a in missing:
        print(f"audit action or entity without a Chinese label: {a} (written in {actions[a]})")
    if len(actions) < 20:
        print(f"only {len(actions)} audit actions found: the patterns no longer match the sources")
        return 1
    print(f"{len(actions)} audit actions, {len(labels)} labels")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
