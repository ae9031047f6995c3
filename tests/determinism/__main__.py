"""`python -m tests.determinism`: compare served bodies with digests.json, or rewrite it.

Run from the project root:

    python -m tests.determinism              # exit 1 listing every difference
    python -m tests.determinism --update     # pin the current bytes (review the diff!)
    python -m tests.determinism --print [--order-seed N]   # served digests as JSON on stdout
"""

from __future__ import annotations

import argparse
import json
import sys

from tests.determinism import PIN_FILE, collect, differences, load_pins, write_pins


def main(argv: list[str] | None = None) -> int:
    """Run the chosen action; 0 when served bytes match the pins (or were written)."""
    parser = argparse.ArgumentParser(prog="python -m tests.determinism", description=__doc__)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--update", action="store_true", help="rewrite digests.json")
    action.add_argument("--print", action="store_true", help="print served digests as JSON")
    parser.add_argument("--order-seed", type=int, default=None, help="shuffle requests by seed")
    args = parser.parse_args(argv)
    served = collect(args.order_seed)
    if args.print:
        sys.stdout.write(json.dumps(served, sort_keys=True) + "\n")
        return 0
    if args.update:
        write_pins(served)
        sys.stderr.write(f"pinned {len(served)} digests in {PIN_FILE}\n")
        return 0
    problems = differences(load_pins(), served)
    for line in problems:
        sys.stderr.write(line + "\n")
    sys.stderr.write(f"{len(served)} served, {len(problems)} differences\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
