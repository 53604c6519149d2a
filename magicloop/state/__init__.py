"""Thin Reflex states: validate → call one service → map the result to view vars."""
