"""Data portability: an organisation exported as JSON and imported elsewhere under new ids
(`python -m magicloop.portability`), and a person's own data as JSON. docs/export-format.md describes
the files."""
