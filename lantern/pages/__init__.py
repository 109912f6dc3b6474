"""Pages that compose many domains: the landing page, the child's page, the children list,
the audit trail with its break-glass panel. Each domain app supplies its part through its
own selectors; the rules stay in their apps (docs/architecture.md)."""
