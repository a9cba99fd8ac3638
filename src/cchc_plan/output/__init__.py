"""Views and diagnostics turned into text: for people, for programs, for CI."""
