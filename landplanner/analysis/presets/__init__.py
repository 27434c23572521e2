"""Shipped 亩均论英雄 scoring presets (TOML files read by ``scoring_config.load_preset``)."""
