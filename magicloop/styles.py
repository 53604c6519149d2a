"""The few shared style tokens."""

CONTENT_MAX_WIDTH = "960px"
FORM_MAX_WIDTH = "440px"
PHONE_MAX_WIDTH = "599px"  # tables become cards at this width and below
ERROR_COLOR = "var(--red-11)"
MUTED = "var(--gray-11)"
# Read by screen readers, not shown: for what a colour or a dot says to the eye.
VISUALLY_HIDDEN = {
    "position": "absolute",
    "width": "1px",
    "height": "1px",
    "overflow": "hidden",
    "clip": "rect(0 0 0 0)",
    "whiteSpace": "nowrap",
}
