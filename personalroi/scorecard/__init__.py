"""The weighted scorecard, the gap analysis and the prioritization of arms."""
