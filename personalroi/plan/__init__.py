"""The query plan: what the data layer computes, compiled once from the validated config."""
