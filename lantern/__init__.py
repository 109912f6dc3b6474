"""Lantern: one place to record, triage, map and report for missing, exploited and trafficked children."""
