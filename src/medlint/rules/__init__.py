"""Rules: the model (one YAML file each) and the loader that validates and compiles them."""

from medlint.rules.model import Rule, RuleDocs, RuleTests

__all__ = ["Rule", "RuleDocs", "RuleTests"]
