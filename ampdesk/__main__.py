"""Allow ``python -m ampdesk``."""

from ampdesk.cli import main

if __name__ == "__main__":  # not when a child process (a spreadsheet's reader) imports it
    raise SystemExit(main())
