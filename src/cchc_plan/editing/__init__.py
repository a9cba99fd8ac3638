"""Changing plan files: the only code that writes into a plan.

Editing never dumps YAML: it splices new text at a node's span, in the style of its
siblings (splice.py), then reads the result again, validates it, and checks that the
data differs from the old by exactly the intended change (update.py) before anything
is written.
"""
