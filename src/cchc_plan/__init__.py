"""cchc: a department's administrative-reform remediation plan as a validated YAML file."""

__version__ = "0.1.0"
