"""The anonymity threshold's two numbers, which the disclosure policy, the pay figures, the
pulse, the plan and the store all read (a module of their own, so none imports another for
them)."""

DEFAULT_THRESHOLD = 5  # people a group needs before any result about it is shown
MIN_THRESHOLD = 3  # the threshold can be raised per workshop, never set under this
# Statistical disclosure control for everyone but the holder of individual pay (docs/privacy.md):
DOMINANCE_SHARE = 0.5  # (1, 50%) dominance rule: no figure where one person has over half the pay
RATIO_STEP = 0.05  # medians of compa-ratios and spreads are shown rounded to this
GAP_STEP = 0.01  # gaps between groups' means are shown rounded to whole percent
