"""`python -m app` runs the netpath-mock command."""

from app.cli import main

main()
