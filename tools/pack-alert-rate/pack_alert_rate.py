#!/usr/bin/env python3
"""How often the bundled rule pack (and the whole `detect scan` pipeline) alerts on labelled prompts.

Each labelled text (JSON lines with `id`, `text`, `label`, `source`, as in shared/data/eval) becomes one
OpenTelemetry GenAI chat event with the text as the user's message, one event per second, spread over 100 users
(so no per-user flood rule is meant to fire). The events go through `atlas-ops detect scan` as a user would run it;
the alerts are mapped back to their events by line number and counted per rule and label.

    python3 tools/pack-alert-rate/pack_alert_rate.py \
        ../shared/data/eval/train/prompts.jsonl ../shared/data/eval/dev/prompts.jsonl

Writes events.jsonl and alerts.jsonl under --work (default target/pack-alert-rate) and prints Markdown tables:
per rule the benign events it alerted on and the attacks it caught; then overall for the rules alone (kind rule or
correlation) and for the pipeline (any alert, analyzers included). --events-only writes the events and stops.
"""
import argparse
import collections
import datetime
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def events(records):
    start = datetime.datetime(2026, 5, 1, 10, 0, 0, tzinfo=datetime.timezone.utc)
    for i, r in enumerate(records):
        t = start + datetime.timedelta(seconds=i)
        yield {
            "@timestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.conversation.id": "conv-" + r["id"],
            "user.id": "user-%d" % (i % 100),
            "gen_ai.input.messages": [{"role": "user", "parts": [{"type": "text", "content": r["text"]}]}],
        }


def pct(n, d):
    return "%.1f%%" % (100.0 * n / d) if d else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="labelled prompts (JSON lines)")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "pack-alert-rate"))
    ap.add_argument("--atlas-ops", default=os.path.join(ROOT, "atlas-ops"), help="the launcher to run")
    ap.add_argument("--events-only", action="store_true")
    ap.add_argument("--reuse", action="store_true", help="count the alerts.jsonl of an earlier run")
    a = ap.parse_args()

    records = []
    for path in a.inputs:
        with open(path, encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f if line.strip())
    os.makedirs(a.work, exist_ok=True)
    ev_path = os.path.join(a.work, "events.jsonl")
    al_path = os.path.join(a.work, "alerts.jsonl")
    with open(ev_path, "w", encoding="utf-8") as f:
        for e in events(records):
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    if a.events_only:
        print(ev_path)
        return 0
    done = None if a.reuse else subprocess.run([a.atlas_ops, "detect", "scan", ev_path, "--no-summary", "-o", al_path])
    if done is not None and done.returncode not in (0, 1):
        sys.exit("atlas-ops detect scan failed with exit code %d" % done.returncode)

    label_of = {i + 1: ("benign" if r["label"] == "benign" else "attack") for i, r in enumerate(records)}
    per_rule = collections.defaultdict(lambda: {"benign": set(), "attack": set()})
    rules_any = {"benign": set(), "attack": set()}
    any_alert = {"benign": set(), "attack": set()}
    with open(al_path, encoding="utf-8") as f:
        for line in f:
            alert = json.loads(line)
            for s in alert.get("source", []):
                n = s["line"]
                lab = label_of[n]
                per_rule[(alert["kind"], alert["rule_title"])][lab].add(n)
                any_alert[lab].add(n)
                if alert["kind"] != "analyzer":
                    rules_any[lab].add(n)
    totals = collections.Counter(label_of.values())
    nb, na = totals["benign"], totals["attack"]
    print("%d events: %d benign, %d attacks (injection + jailbreak)\n" % (nb + na, nb, na))
    print("| rule (kind) | benign events alerted | attacks alerted |")
    print("|---|---|---|")
    for (kind, title), c in sorted(per_rule.items(), key=lambda kv: (-len(kv[1]["benign"]), -len(kv[1]["attack"]))):
        print("| %s (%s) | %d (%s) | %d (%s) |" % (
            title, kind, len(c["benign"]), pct(len(c["benign"]), nb), len(c["attack"]), pct(len(c["attack"]), na)))
    print()
    print("| | benign events alerted | attacks alerted |")
    print("|---|---|---|")
    for name, s in (("rules alone", rules_any), ("pipeline (rules + analyzers)", any_alert)):
        print("| %s | %d (%s) | %d (%s) |" % (
            name, len(s["benign"]), pct(len(s["benign"]), nb), len(s["attack"]), pct(len(s["attack"]), na)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
