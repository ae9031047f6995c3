"""Throughput benchmarks of netpath-mock against the stack's ceiling (and, optionally, Prism).

`python -m bench.run` (make bench), `python -m bench.prism` (make bench-prism) and
`python -m bench.workers` drive real servers with wrk; see each module's docstring.
"""
