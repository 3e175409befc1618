"""What the published warehouse says, for people: the run summary and the data-quality site.

Reports read the published warehouse (read-only) and the load audit, and never
write either. Every figure they show comes from a mart; Python formats and draws.
"""
