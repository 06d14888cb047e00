"""newsroom: a command-line toolkit for newsrooms that keep articles as Markdown in git."""

__version__ = "0.1.0"
