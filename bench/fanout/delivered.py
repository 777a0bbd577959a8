"""Counts the recipients in smtp-sink dumps, one dump per node, against the N contacts the benchmark imported.

Usage: delivered.py N DUMP...  Writes what it found to stderr and each node's share to stdout, as
"node 1 50.2%, node 2 49.8%"; exits 1 unless every contact appears exactly once over all the dumps.
"""
import collections
import sys

recipients = int(sys.argv[1])
dumps = sys.argv[2:]
expected = {f"contact{i:07d}@customer{(i - 1) // 20:05d}.example.com" for i in range(1, recipients + 1)}
seen = collections.Counter()
per_dump = []
for dump in dumps:
    count = 0
    with open(dump, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith("X-Rcpt-Args: "):
                address = line.split("<", 1)[1].split(">", 1)[0].lower()
                seen[address] += 1
                count += 1
    per_dump.append(count)

duplicates = sum(n - 1 for n in seen.values() if n > 1)
missing = len(expected - seen.keys())
unexpected = sum(n for address, n in seen.items() if address not in expected)
total = sum(per_dump)
print(f"{total} messages in the dumps for {recipients} recipients: {len(expected & seen.keys())} reached, "
      f"{duplicates} duplicates, {missing} missing, {unexpected} to unknown addresses", file=sys.stderr)
for node, count in enumerate(per_dump, 1):
    print(f"node {node}: {count} messages", file=sys.stderr)
print(", ".join(f"node {node} {100 * count / max(total, 1):.1f}%" for node, count in enumerate(per_dump, 1)))
if duplicates or missing or unexpected:
    print("not exactly once", file=sys.stderr)
    sys.exit(1)
