"""The marks a report published outside the team puts in place of small numbers."""

SMALL = "<5"  # a count from 1 to 4
HIDDEN = "[c]"  # hidden only so that a total cannot reveal a small number
