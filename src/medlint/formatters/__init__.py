"""Output formats: one module per format, registered in ``plugins/builtin.py``."""
