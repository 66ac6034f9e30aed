"""Content-Security-Policy: one policy for the whole site, enforced by the reader's browser (README.md).

- inline.py: what a page's HTML holds that the policy must list (inline code's hashes) or cannot allow;
- policy.py: the directives;
- site.py: the policy written into every built page and _headers, last of all.
"""
