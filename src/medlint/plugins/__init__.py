"""The plugin system: hookspecs, the plugin manager, and medlint's own built-in plugin."""
