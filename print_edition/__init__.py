"""The print edition: the whole article on one page (/print_page/) and as a PDF (README.md).

mkdocs-print-site-plugin combines the pages; finish.py then runs these on its page:

- links.py: links to pages the print edition leaves out lead to those pages;
- markup.py: the plugin's invalid heading-number markup removed;
- static.py: its contents list and hidden navigation written at build time;
- figures.py: the run figures lazy again;

and, with PDF=1 (`make pdf`):

- languages.py: the print edition of each language edition (print page, PDF file, language, labels);
- source.py: the document to print, made from the finished print page;
- pdf.py + pdf.css: WeasyPrint prints it to A4 and the pages offer the file.
"""
