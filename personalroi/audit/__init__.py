"""The audit: from a validated config and loaded data to an `AuditResult`."""
