"""Personal data under TA 17-7: what leaves the landing drop, and proof that nothing else does.

``protect`` (what the warehouse keeps of each personal-data column),
``pseudonymise`` (keyed HMAC keys), ``permissions`` (owner-only files) and
``leak_scan`` (search every output for the SSNs, names and birth dates delivered).
"""
