"""The one exception of social_cards: what is wrong, and in which file."""

from sitekit.errors import BuildError


class SocialCardsError(BuildError):
    """A card cannot be drawn as asked; the message names the file and what is wrong.

    hooks/social_cards_hook.py turns it into MkDocs' PluginError, which stops the build.
    """
