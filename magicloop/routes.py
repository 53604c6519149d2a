"""Every path in the app, in one place."""

DASHBOARD = "/"
SIGN_IN = "/signin"
SIGN_UP = "/signup"
INVITE = "/invite"
FORGOT_PASSWORD = "/forgot"
RESET_PASSWORD = "/reset"  # ?code=<a reset link's token> (services/account_links.py)
CONFIRM_EMAIL = "/confirm-email"  # ?code=<a new address's confirmation token>
CONFIRM_SIGN_UP = "/confirm-sign-up"  # ?code=<a sign-up's confirmation token>
SETTINGS = "/settings"
ADMIN = "/admin"
LOOP = "/loop"
NOTIFICATIONS = "/notifications"
TEAM = "/team"
MENTEES = "/mentees"
PROGRESS = "/progress"
INSIGHTS = "/insights"
REVIEW = "/review"
AUDIT_LOG = "/admin/security-log"
ORGANISATION_INSIGHTS = "/admin/insights"
PULSE = "/pulse"  # one's culture pulses, and a new one
PULSE_VIEW = "/pulse/view"  # one pulse: answer it, or read its results (?id=…)
FRAMEWORK = "/admin/framework"
CALENDAR = "/calendar"  # a calendar feed: /calendar/<token>.ics (served by magicloop/feeds.py, not a page)
