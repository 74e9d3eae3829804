#!/usr/bin/env python3
"""Writes the pack's benign corpus from the labelled splits (shared/data/eval/{train,dev}/prompts.jsonl): per source
file, the benign records with the 15 smallest ids (ids are hashes, so this is a fixed pseudo-random sample), plus
the benign records named with --also (hard negatives an earlier measurement found), each as a chat event whose user
message is the text and whose event.id is the record's id.

    python3 tools/pack-alert-rate/dataset_benign.py \
        ../shared/data/eval/train/prompts.jsonl ../shared/data/eval/dev/prompts.jsonl \
        --out detect/src/main/resources/org/atlasops/detect/rules/benign/llm_chat_datasets.jsonl
"""
import argparse
import collections
import datetime
import json

PER_SOURCE = 15


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--also", nargs="*", default=[], help="record ids to add")
    a = ap.parse_args()
    by_source = collections.defaultdict(list)
    by_id = {}
    for path in a.inputs:
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r["label"] == "benign":
                    by_source[r["source"].split("#")[0]].append(r)
                    by_id[r["id"]] = r
    chosen = {}
    for source in sorted(by_source):
        for r in sorted(by_source[source], key=lambda r: r["id"])[:PER_SOURCE]:
            chosen[r["id"]] = r
    for i in a.also:
        chosen[i] = by_id[i]
    start = datetime.datetime(2026, 5, 2, 9, 0, 0, tzinfo=datetime.timezone.utc)
    with open(a.out, "w", encoding="utf-8") as f:
        for n, r in enumerate(sorted(chosen.values(), key=lambda r: (r["source"], r["id"]))):
            f.write(json.dumps({
                "@timestamp": (start + datetime.timedelta(seconds=30 * n)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "event.id": r["id"], "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
                "gen_ai.request.model": "gpt-4o", "gen_ai.conversation.id": "conv-" + r["id"],
                "user.id": "user-%d" % (n % 50),
                "gen_ai.input.messages": [{"role": "user", "parts": [{"type": "text", "content": r["text"]}]}],
            }, ensure_ascii=False) + "\n")
    print("%d records from %d source files" % (len(chosen), len(by_source)))


if __name__ == "__main__":
    main()
