#!/usr/bin/env python3
"""Writes a synthetic `caseload import releases` file: N releases on officers po-0001…,
deterministic for a seed. Some names are quoted (commas, quotes) and some rows carry a home
point and a first interview, so the reader's quoting paths are exercised.

    python3 Benchmarks/make-releases-csv.py 100000 > /tmp/releases-100000.csv
"""
import random
import sys

def main():
    count = int(sys.argv[1])
    officers = int(sys.argv[2]) if len(sys.argv) > 2 else max(1, count // 60)
    rng = random.Random(1)
    first = ["James", "Amira", "Connor", "Zofia", "Marcus", "Leah", "Tomasz", "Chloe", "Siobhán", "Kwame"]
    last = ["Walsh", "Okoye", "Nowak", "Hughes", "Begum", "O'Brien", "Kowalski", "Reid", "Mensah", "Santos"]
    out = sys.stdout
    out.write("caseRef,name,born,released,months,level,officer,home,firstInterviewAt\r\n")
    for i in range(count):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        if i % 10 == 0:
            name = f'"{rng.choice(last)}, {name} ""Jr"""'
        born = f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        month, day = rng.randint(1, 5), rng.randint(1, 28)
        released = f"2026-{month:02d}-{day:02d}"
        level = rng.choice(["high", "medium", "medium", "low"])
        officer = f"po-{i % officers + 1:04d}"
        home = f'"{51 + rng.random():.5f},{-1 - rng.random():.5f}"' if i % 3 == 0 else ""
        first_interview = f"2026-{month:02d}-{day:02d}T10:00" if i % 4 == 0 else ""
        out.write(f"IMP-{i:07d},{name},{born},{released},{rng.randint(6, 12)},{level},{officer},{home},{first_interview}\r\n")

if __name__ == "__main__":
    main()
