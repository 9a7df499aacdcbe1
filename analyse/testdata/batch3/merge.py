#!/usr/bin/env python3
"""Batch labelling steps: disputes, gold, stats.

  merge.py disputes DIR   write DIR/disputes.yaml: the cells where A and B differ
  merge.py gold DIR       write DIR/gold/*.yaml from A, B and DIR/adjudication.yaml
  merge.py stats DIR      print A vs B agreement (statuses, kappa, outcomes)
  merge.py check DIR      every sentence of A, B, gold found in DIR/records

Gold follows ../shared/labels/README.md: where A and B gave the same status it
is kept; a disputed cell takes the adjudicator's status. The sentence lists are
the union of both coders' sentences for the polarities the final status
includes (duplicates folded after normalising white space and quotes), less
the ones the adjudicator struck (drop_concern, drop_strength).
"""
import os
import re
import sys
from collections import Counter

import yaml

THEMES = ["front-door", "strategy-s47", "assessment-quality", "planning", "iro-chairs",
          "voice-of-child", "identity-diversity", "domestic-abuse", "exploitation-missing",
          "permanence", "placement-sufficiency", "care-leavers", "supervision-oversight",
          "workforce-caseloads", "quality-assurance", "leadership-governance", "partnership",
          "early-help", "lado"]
STATUSES = ["concern", "mixed", "strength", "absent"]


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip()


def load(path):
    with open(path) as f:
        g = yaml.safe_load(f)
    for t in THEMES:
        if t not in g["themes"]:
            sys.exit(f"{path}: no status for {t}")
    return g


def names(d):
    return sorted(f[:-5] for f in os.listdir(os.path.join(d, "A")) if f.endswith(".yaml"))


def lists(cell):
    return [s for s in (cell.get("concern") or [])], [s for s in (cell.get("strength") or [])]


def union(*ls):
    out, seen = [], set()
    for l in ls:
        for s in l:
            k = norm(s)
            if k not in seen:
                seen.add(k)
                out.append(s)
    return out


def status_of(concern, strength):
    if concern and strength:
        return "mixed"
    if concern:
        return "concern"
    if strength:
        return "strength"
    return "absent"


def disputes(d):
    out = []
    for n in names(d):
        a, b = load(f"{d}/A/{n}.yaml"), load(f"{d}/B/{n}.yaml")
        for t in THEMES:
            ca, cb = a["themes"][t], b["themes"][t]
            if ca["status"] != cb["status"]:
                out.append({"letter": n, "theme": t, "A": ca, "B": cb})
    with open(f"{d}/disputes.yaml", "w") as f:
        yaml.safe_dump(out, f, allow_unicode=True, sort_keys=False, width=1000)
    print(f"{len(out)} disputed cells")


def gold(d):
    adj = {}
    p = f"{d}/adjudication.yaml"
    if os.path.exists(p):
        for e in yaml.safe_load(open(p)) or []:
            adj[(e["letter"], e["theme"])] = e
    os.makedirs(f"{d}/gold", exist_ok=True)
    missing = 0
    for n in names(d):
        a, b = load(f"{d}/A/{n}.yaml"), load(f"{d}/B/{n}.yaml")
        lines = [f"letter: {n}", "themes:"]
        for t in THEMES:
            ca, cb = a["themes"][t], b["themes"][t]
            status, dropc, drops = ca["status"], set(), set()
            if ca["status"] != cb["status"]:
                e = adj.get((n, t))
                if e is None:
                    missing += 1
                    print(f"no adjudication for {n} {t}")
                    continue
                status = e["status"]
                dropc = {norm(s) for s in e.get("drop_concern") or []}
                drops = {norm(s) for s in e.get("drop_strength") or []}
            (ac, as_), (bc, bs) = lists(ca), lists(cb)
            concern = [s for s in union(ac, bc) if norm(s) not in dropc] if status in ("concern", "mixed") else []
            strength = [s for s in union(as_, bs) if norm(s) not in drops] if status in ("strength", "mixed") else []
            if status_of(concern, strength) != status:
                sys.exit(f"{n} {t}: status {status} but lists give {status_of(concern, strength)}")
            lines.append(f"  {t}:")
            lines.append(f"    status: {status}")
            for pol, l in (("concern", concern), ("strength", strength)):
                if l:
                    lines.append(f"    {pol}:")
                    for s in l:
                        lines.append("      - " + '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
        with open(f"{d}/gold/{n}.yaml", "w") as f:
            f.write("\n".join(lines) + "\n")
        load(f"{d}/gold/{n}.yaml")
    if missing:
        sys.exit(f"{missing} disputed cells without adjudication")


def kappa(pairs):
    n = len(pairs)
    po = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    pe = sum(ca[s] * cb[s] for s in set(ca) | set(cb)) / (n * n)
    return po, (po - pe) / (1 - pe)


def outcome(a, b):
    ca, cb = a in ("concern", "mixed"), b in ("concern", "mixed")
    if ca and cb:
        return "recurring"
    if ca and b == "strength":
        return "resolved"
    if cb:
        return "new"
    if a == "strength" and b == "strength":
        return "sustained"
    if a == "absent" and b == "strength":
        return "new-strength"
    if a != "absent" and b == "absent":
        return "not-revisited"
    return "absent"


def stats(d):
    ns = names(d)
    pairs, outs = [], []
    la = {n: load(f"{d}/A/{n}.yaml") for n in ns}
    lb = {n: load(f"{d}/B/{n}.yaml") for n in ns}
    for n in ns:
        for t in THEMES:
            pairs.append((la[n]["themes"][t]["status"], lb[n]["themes"][t]["status"]))
    po, k = kappa(pairs)
    print(f"A vs B: {len(pairs)} cells, status agreement {po:.3f} ({sum(x == y for x, y in pairs)}), kappa {k:.3f}")
    byauth = {}
    for n in ns:
        byauth.setdefault(n.rsplit("_", 1)[0], []).append(n)
    agree = total = 0
    for auth, ls in byauth.items():
        ls.sort()
        for first, second in zip(ls, ls[1:]):
            for t in THEMES:
                oa = outcome(la[first]["themes"][t]["status"], la[second]["themes"][t]["status"])
                ob = outcome(lb[first]["themes"][t]["status"], lb[second]["themes"][t]["status"])
                total += 1
                agree += oa == ob
    print(f"outcomes: {agree} of {total} agree ({agree / total:.3f})")
    if os.path.isdir(f"{d}/gold"):
        c = Counter()
        sents = judg = neg = pos = 0
        seen = set()
        for n in ns:
            g = load(f"{d}/gold/{n}.yaml")
            for t in THEMES:
                cell = g["themes"][t]
                c[cell["status"]] += 1
                cc, ss = lists(cell)
                neg += len(cc)
                pos += len(ss)
                for s in cc + ss:
                    seen.add((n, norm(s)))
        print(f"gold: {len(seen)} judging sentences, {neg + pos} judgements ({neg} negative, {pos} positive); statuses",
              ", ".join(f"{c[s]} {s}" for s in STATUSES))


def record_text(path):
    rec = yaml.safe_load(open(path))
    parts = []

    def walk(x):
        if isinstance(x, str):
            parts.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(rec)
    return norm(" ".join(parts))


def check(d):
    bad = 0
    for n in names(d):
        text = record_text(f"{d}/records/{n}.yaml")
        for who in ("A", "B", "gold"):
            p = f"{d}/{who}/{n}.yaml"
            if not os.path.exists(p):
                continue
            g = load(p)
            for t in THEMES:
                cc, ss = lists(g["themes"][t])
                for s in cc + ss:
                    if norm(s) not in text:
                        bad += 1
                        print(f"{who}/{n} {t}: not in record: {s[:90]}")
    print(f"{bad} sentences not found in the records")


if __name__ == "__main__":
    {"disputes": disputes, "gold": gold, "stats": stats, "check": check}[sys.argv[1]](sys.argv[2])
