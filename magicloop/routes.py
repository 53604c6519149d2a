"""Every path in the app, in one place."""

DASHBOARD = "/"
SIGN_IN = "/signin"
SIGN_UP = "/signup"
INVITE = "/invite"
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
