"""The few shared style tokens."""

CONTENT_MAX_WIDTH = "960px"
FORM_MAX_WIDTH = "440px"
ERROR_COLOR = "var(--red-11)"
MUTED = "var(--gray-11)"
