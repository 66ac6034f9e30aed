"""Social cards: an image for every page of both editions, shown where a link to it is shared.

Material's social plugin draws the cards (mkdocs.yml: plugins › material/social)
with our layout (layouts/article.yml) and writes og:image and twitter:card into
each page; this package gives it what it lacks for this site:

- fonts.py: the font, from a pinned npm package, in the plugin's cache, so it
  downloads nothing (it would fetch Roboto from Google Fonts, which has no
  Chinese);
- text.py: each card's text in the page's language, known before the page is rendered;
- lines.py + layout.py: the text broken into lines (the plugin breaks only at
  spaces, which Chinese has none of);
- cache.py: the plugin's cache made ready and locked while a build uses it;
- build.py: all of it per build, called by hooks/social_cards_hook.py.

README.md: why this design, what was rejected, how it is tested.
"""

from social_cards.build import Builds, Cards
from social_cards.errors import SocialCardsError

__all__ = ["Builds", "Cards", "SocialCardsError"]
