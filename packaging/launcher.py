"""Entry point of the bundled app (the same as the ``ampdesk`` command)."""

from ampdesk.cli import main

raise SystemExit(main())
