# MySehat web app strings (English). The server owns errors.ftl beside this file.
# Keep sentences short and plain: many users read slowly or use a screen reader.

app-name = MySehat
app-tagline = Health help for you and your family, even without internet.

## Header
lang-switch-label = Language
offline-badge = Offline — showing saved data

## Welcome
welcome-title = Welcome to MySehat
welcome-register = Register
welcome-login = Log in

## Register
register-title = Create your account
field-name = Your name
field-phone = Mobile number
field-phone-hint = 10-digit mobile number, for example 98765 43210
field-password = Password
field-password-hint = At least 8 characters
field-language = Language for messages
password-show = Show
password-hide = Hide
register-submit = Register
register-busy = Creating your account…
register-have-account = Already registered? Log in

## Login
login-title = Log in
login-submit = Log in
login-busy = Logging in…
login-no-account = New here? Register
login-wait = You can try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.

## Client-side checks before anything is sent
check-name-empty = Please write your name.
check-phone-invalid = Please write a 10-digit mobile number starting with 6, 7, 8 or 9.
check-password-short = Password must have at least 8 characters.

## Home
home-greeting = Namaste, { $name }!
home-intro = What do you need today?
tile-sos = Emergency SOS
tile-sos-hint = Get help fast
tile-symptoms = Symptom checker
tile-mental = Mental health
tile-records = My records
tile-medicines = Medicines
tile-health-worker = Health worker mode
logout = Log out

## Modules not built yet
coming-soon-title = Coming soon
coming-soon-body = { $feature } is not ready yet. We are working on it.
coming-soon-close = OK
sos-call-now = In an emergency, call now:
sos-call-112 = Call 112 (Emergency)
sos-call-108 = Call 108 (Ambulance)
mental-call-now = Want to talk to someone now? Tele-MANAS is free, 24 hours, in many languages.
mental-call-14416 = Call Tele-MANAS 14416

## Problems
problem-network = No internet connection. Please try again when you are online.
problem-unknown = Something went wrong. Please try again.
problem-session-expired = Please log in again.
not-found-title = Page not found
not-found-home = Go to home
loading = Loading…
