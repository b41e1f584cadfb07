"""Annotate stage: label passages with regions, goals and interventions."""
