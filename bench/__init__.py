"""Throughput benchmarks of netpath-mock against the stack's ceiling (and, optionally, Prism).

`python -m bench.run` (make bench [BASELINE=<git ref>]; scenarios in bench/scenarios.py),
`python -m bench.prism` (make bench-prism) and
`python -m bench.workers` drive real servers with wrk; `python -m bench.soak` (make soak) is a
correctness soak. See each module's docstring.
"""
