"""What a plan says on a given day: pure functions from a plan and a date to values."""
