"""ampdesk: run an Autonomy-Mastery-Purpose workshop offline and print its report."""

__version__ = "0.1.0"
