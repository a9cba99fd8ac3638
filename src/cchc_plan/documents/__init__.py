"""The documents `cchc report` writes."""
