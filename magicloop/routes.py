"""Every path in the app, in one place."""

DASHBOARD = "/"
SIGN_IN = "/signin"
SIGN_UP = "/signup"
INVITE = "/invite"
SETTINGS = "/settings"
ADMIN = "/admin"
LOOP = "/loop"
