"""The report's sections, in print order; each returns a list of flowables."""
