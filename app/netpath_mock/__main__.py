"""`python -m netpath_mock` runs the netpath-mock command."""

from netpath_mock.cli import main

main()
