"""Seeded JSON records, one a line, about 530 bytes each: the messages of `make bench-dcz FILE=...`
(docs/dictionaries.md). Usage: python3 native/bench/dcz_records.py > records.jsonl"""
import json
import random

r = random.Random(26)
users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
for i in range(6000):
    print(json.dumps({
        "id": i, "user": r.choice(users), "ts": 1764633600 + r.randrange(86400),
        "score": round(r.random() * 1000, 3), "tags": [f"t{r.randrange(40)}" for _ in range(r.randrange(1, 6))],
        "items": [{"sku": f"SKU-{r.randrange(10000):05d}", "qty": r.randrange(1, 9), "price": round(r.random() * 200, 2)}
                  for _ in range(r.randrange(5, 12))],
        "ok": r.random() < 0.9, "note": r.choice(["", "gift", "express delivery", "leave at the door", "call first"]),
    }))
