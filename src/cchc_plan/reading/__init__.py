"""From files to plans: the loader, the schema's diagnostics, validation, discovery."""
