"""The print edition: the whole article on one page (/print_page/).

mkdocs-print-site-plugin combines the pages; hooks/print_page.py then runs
these on its page:

- links.py: links to pages the print edition leaves out lead to those pages;
- markup.py: the plugin's invalid heading-number markup removed;
- static.py: its contents list and hidden navigation written at build time;
- figures.py: the run figures lazy again.
"""
