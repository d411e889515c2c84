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

## SOS
tile-dispatch = Emergency desk
tile-crew = Ambulance duty
sos-button = SOS
sos-button-hint = Press for help. You can stop it within { $seconds } seconds.
sos-kind-question = What happened? (optional)
sos-kind-accident = Accident
sos-kind-chest_pain = Chest pain
sos-kind-breathing = Breathing trouble
sos-kind-pregnancy = Pregnancy
sos-kind-unconscious = Unconscious
sos-kind-other = Other
sos-countdown-title = Sending emergency alert
sos-countdown = Alert goes in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
sos-countdown-cancel = Stop — do not send
sos-send-now = Send now
sos-login-to-alert = Log in to send an SOS alert
sos-patients-only = In-app SOS alerts are sent from patient accounts. In an emergency, call now:
sos-active-alert = You have an active SOS. Open it.
sos-locating = Finding your location…
sos-no-location = Location not available. Turn on location, or call 112.
sos-locate-again = Try location again
sos-location = Your location
sos-location-last-known = Last known location
sos-location-patient = Patient’s location
sos-location-patient-last-known = Patient’s last known location
sos-accuracy = (±{ $m } m)
sos-digipin = DIGIPIN
sos-age-now = just now
sos-age-minutes = { $minutes ->
    [one] { $minutes } minute ago
   *[other] { $minutes } minutes ago
}
sos-age-hours = { $hours ->
    [one] { $hours } hour ago
   *[other] { $hours } hours ago
}
sos-send-sms = Send SMS with my location
sos-sms-body = EMERGENCY! I need help. My location: { $coords } (±{ $accuracy } m) { $maps } DIGIPIN { $digipin } — sent from MySehat
sos-incident-title = Your SOS
sos-queued = Queued — will be sent when the network returns. Call 112 or 108 now if you can.
sos-locating-queued = Saved. Finding your location, then it will be sent. Call 112 or 108 now if you can.
sos-queued-tries = Tried { $tries ->
    [one] once
   *[other] { $tries } times
}; trying again automatically.
sos-rejected = The alert could not be sent. Call 112 now.
sos-call-112-banner = No hospital has answered yet. Call 112 now.
sos-state-loading = Loading…
sos-state-created = Alert received. Finding the nearest hospital.
sos-state-alerting = Alert sent. Waiting for a hospital to answer.
sos-state-accepted = { $hospital } accepted your alert. An ambulance is being arranged.
sos-state-ambulance_assigned = An ambulance has been assigned.
sos-state-en_route = The ambulance is on the way.
sos-state-on_scene = The ambulance has arrived.
sos-state-transporting = On the way to the hospital.
sos-state-closed = Closed. Get well soon.
sos-state-cancelled = This SOS was cancelled.
sos-state-unanswered = No hospital answered. Call 112 now.
sos-state-short-created = Received
sos-state-short-alerting = Alerting hospitals
sos-state-short-accepted = Accepted
sos-state-short-ambulance_assigned = Ambulance assigned
sos-state-short-en_route = On the way
sos-state-short-on_scene = Arrived
sos-state-short-transporting = To hospital
sos-state-short-closed = Closed
sos-state-short-cancelled = Cancelled
sos-state-short-unanswered = Not answered
sos-step-alerting = Hospitals alerted
sos-step-accepted = Accepted by hospital
sos-step-ambulance_assigned = Ambulance assigned
sos-step-en_route = Ambulance on the way
sos-step-on_scene = Ambulance arrived
sos-step-transporting = Going to hospital
sos-step-closed = Closed
sos-ambulance = 🚑 { $callSign }
sos-ambulance-distance = { $distance } away
sos-distance-m = { $m } m
sos-distance-km = { $km } km
sos-eta = arrives in about { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
sos-call-crew = Call the ambulance ({ $phone })
sos-call-hospital = Call { $hospital }
sos-cancel = Cancel SOS
sos-cancel-question = Cancel this SOS? Only do this if you no longer need help.
sos-cancel-yes = Yes, cancel it
sos-cancel-no = No, keep it
sos-timeline = What happened so far
sos-actor-patient = you
sos-actor-dispatcher = hospital
sos-actor-ambulance_crew = ambulance
sos-actor-system = MySehat
sos-actor-admin = admin
sos-repeat-call-112 = You have sent several SOS alerts in a few minutes. If this is a real emergency, call 112 now.
dispatch-repeat = ⚠ Repeat: { $count } other SOS from this person in the last 10 minutes
medical-id = Medical ID
medical-blood-group = Blood group
medical-allergies = Allergies
medical-conditions = Conditions
medical-medicines = Medicines
medical-organ-donor = Organ donor
medical-preferred-hospital = Preferred hospital
medical-contacts = Emergency contacts
medical-yes = Yes
live-polling = Live updates paused; checking every few seconds.
dispatch-title = Emergency desk
dispatch-new-alerts = { $count ->
    [one] New alert
   *[other] { $count } new alerts
}
dispatch-no-alerts = No new alerts. Keep this screen open.
dispatch-in-progress = In progress
dispatch-recent = Recently finished
dispatch-raised-at = Raised at { $time }
dispatch-distance-from-you = { $distance } from the hospital
dispatch-call-patient = Call patient ({ $phone })
dispatch-open-map = Open in map
dispatch-accept = Accept
dispatch-decline = Decline
dispatch-taken = Another desk accepted this alert first.
dispatch-pick-ambulance = Choose an ambulance (nearest first)
dispatch-no-ambulances = No ambulance is on duty.
dispatch-ambulance-available = available
dispatch-ambulance-busy = busy
dispatch-ambulance-off_duty = off duty
dispatch-assign = Assign { $callSign }
dispatch-refresh-ambulances = Refresh the list
crew-title = Ambulance duty
crew-ambulance = Your ambulance: { $callSign }
crew-on-duty = On duty
crew-duty-on = Yes
crew-duty-off = No
crew-off-duty-hint = Go on duty to receive emergencies.
crew-no-job = No emergency assigned. Keep this screen open.
crew-location-waiting = Waiting for your location…
crew-location-shared = Location shared (±{ $m } m), { $age }.
crew-location-refused = Location not accepted: { $reason }
crew-location-offline = Cannot reach the server; will keep trying.
crew-location-denied = Location is blocked. Allow location so the patient and hospital can see you.
crew-navigate = Navigate
crew-call-patient = Call patient
crew-step-en_route = Start: going to the patient
crew-step-on_scene = Arrived at the patient
crew-step-transporting = Patient on board: to hospital
crew-step-closed = Handed over: close
