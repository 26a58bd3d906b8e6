"""medlint's language server: ``medlint lsp`` (needs the ``lsp`` extra: pygls, lsprotocol).

``server`` holds the pygls handlers; ``convert`` is the only place positions
change units; ``actions`` and ``hover`` build code actions and hover text from
findings; ``linters`` keeps one prepared linter per workspace folder. Nothing
in the core imports this package.
"""
