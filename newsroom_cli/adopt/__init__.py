"""What an archive's site generator means: the conventions an article's facts come from.

:mod:`~newsroom_cli.adopt.conventions` holds the conventions (read from ``[conventions]`` in
``newsroom.toml``) and applies them to an article; :mod:`~newsroom_cli.adopt.detect` learns
them from a site for ``newsroom init --from``, and :mod:`~newsroom_cli.adopt.infer` what the
articles themselves say (their fields, people and tags).
"""
