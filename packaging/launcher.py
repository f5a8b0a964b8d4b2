"""Entry point of the bundled app (the same as the ``ampdesk`` command)."""

import multiprocessing

from ampdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the bundle starts the spreadsheet's reader this way
    raise SystemExit(main())
