"""Allow ``python -m ampdesk``."""

from ampdesk.cli import main

raise SystemExit(main())
