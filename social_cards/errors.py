"""The one exception of social_cards: what is wrong, and in which file."""


class SocialCardsError(Exception):
    """A card cannot be drawn as asked; the message names the file and what is wrong.

    hooks/social.py turns it into MkDocs' PluginError, which stops the build.
    """
