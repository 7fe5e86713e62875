"""Tests of the ClinicalTrials.gov link (`tui.core.registry` and `mstrials-tui registry`); offline only."""
