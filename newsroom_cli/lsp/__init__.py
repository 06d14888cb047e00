"""The language server: the same rules, positions and fixes, as an editor asks.

``features`` answers from an editor's text (no transport), ``index`` keeps the archive's
slugs and headlines for the cross-file rules, ``text`` converts positions, and ``server``
wires them to the Language Server Protocol with pygls.
"""
