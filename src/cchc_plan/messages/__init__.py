"""Every user-facing word, by concern, in Vietnamese (and English where a command offers it)."""
