"""The anonymity threshold's two numbers, which the disclosure policy, the pay figures, the
pulse, the plan and the store all read (a module of their own, so none imports another for
them)."""

DEFAULT_THRESHOLD = 5  # people a group needs before any result about it is shown
MIN_THRESHOLD = 3  # the threshold can be raised per workshop, never set under this
