"""What several capabilities of the build share (README.md here).

- edition.py: which edition a build makes (the original or a translation) and what it is part of;
- flags.py: the build's switches from the environment (PDF=1, TRANSLATIONS=0), read by one rule;
- pins.py: the npm packages package.json pins, checked against node_modules/;
- node.py + worker.js: the one Node.js process of a build, its content-addressed caches;
- order.py: the order of the build's steps after the pages are written (on_post_build);
- door.py: how a hook forwards MkDocs events to a package and reports its errors;
- errors.py: BuildError, the base of every package's errors;
- strict.py: `mkdocs build --strict` keeps failing on warnings under -q and -v;
- caches.py: the theme's compiled templates and jieba's dictionary kept in .cache/.
"""
