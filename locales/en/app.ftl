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

## Medical ID
tile-medical-id = Medical ID
sos-medical-id-link = Your medical ID (blood group, allergies, contacts)
mid-intro = What helpers need to know in an emergency. It stays readable on this phone without internet.
mid-not-known = Not known
mid-not-recorded = Not recorded
mid-offline-copy = Saved on this phone (last updated { $when }). It may have changed since.
mid-not-on-phone = Your medical ID is not saved on this phone yet.
mid-saved = Saved. Helpers will see this in an emergency.
mid-edit = Change my medical ID
mid-print-card = Print my card
mid-save = Save medical ID
mid-saving = Saving…
mid-cancel = Cancel
mid-back = Back to my medical ID
mid-hint-allergies = Medicines, foods or other things you react to.
mid-hint-conditions = Long-term illnesses, for example diabetes or asthma.
mid-hint-medicines = Medicines you take now.
mid-hint-contacts = Up to 5 people to call in an emergency.
mid-item-label = { $list }, line { $n }
mid-remove-item = Remove { $item }
mid-add-allergies = + Add an allergy
mid-add-conditions = + Add a condition
mid-add-medicines = + Add a medicine
mid-contact-n = Contact { $n }
mid-contact-name = Name
mid-contact-relation = Relation (for example wife, son)
mid-contact-phone = Mobile number
mid-contact-add = + Add a contact
mid-contact-remove = Remove this contact
mid-organ-donor-check = I have chosen to donate my organs

## Medical ID card (printed)
mid-card-title = Medical ID card
mid-card-intro = Print it, cut out the small card and keep it in your wallet. Its QR code opens your medical ID for whoever helps you.
mid-card-no-code = The card needs a QR code first. Making one stops any card you printed before from working.
mid-card-make-code = Make the QR code
mid-card-make-offline = Connect to the internet once to make the QR code.
mid-card-print = Print
mid-card-heading = EMERGENCY MEDICAL ID
mid-card-contact = Call
mid-card-scan = Scan for my medical ID
mid-card-qr-label = QR code that opens this medical ID
mid-card-call = Emergency: call 112 · Ambulance: 108
mid-card-old-title = Lost a card?
mid-card-old-intro = Anyone who scans a card can see your medical ID. If a card is lost, stop it working.
mid-card-replace = Make a new code (old cards stop working)
mid-card-replace-question = Make a new QR code? Cards printed before will stop working. Print the new card afterwards.
mid-card-replace-yes = Yes, make a new code
mid-card-replaced = New code made. Old cards no longer open your medical ID. Print this one.
mid-card-stop = Stop all my cards working
mid-card-stop-question = Stop every printed card working? No card will open your medical ID until you make a new code.
mid-card-stop-yes = Yes, stop them
mid-card-stopped = Done. No printed card opens your medical ID now.

## Public card page (opened from a card's QR code, no account)
card-public-title = Emergency medical ID
card-public-unknown = This card does not work any more: its owner made a new one or stopped it. Call for help below.
card-public-call = In an emergency, call now:
card-public-note = This page opened from the card's QR code. Its owner can see that it was opened.

## Consent: the patient's side
tile-consent = Sharing my records
consent-title = Sharing my records
consent-intro = Doctors must ask before they see your records. You decide what they see and for how long, and you can stop at any time.
consent-none = No doctor has asked to see your records.
consent-waiting = Waiting for your answer
consent-sharing = Shared now
consent-past = Earlier
consent-status-REQUESTED = Asks for access
consent-status-GRANTED = Shared
consent-status-DENIED = Refused
consent-status-EXPIRED = Ended
consent-status-REVOKED = Stopped
consent-purpose = Why
consent-purpose-CAREMGT = To treat you
consent-purpose-BTG = Emergency, without asking
consent-purpose-PUBHLTH = Public health
consent-purpose-HPAYMT = Insurance or payment
consent-purpose-DSRCH = Research
consent-purpose-PATRQT = You asked for it
consent-reason = Reason given
consent-kinds = Which records
consent-all-records = All your records
consent-record-dates = Records dated
consent-date-range = { $from } to { $to }
consent-asked-until = Asks until
consent-until = Until
consent-mode = Access
consent-mode-VIEW = View only
consent-mode-STORE = View and keep a copy
consent-asked-on = Asked on
consent-btg-flag = ⚠ Emergency access (break the glass)
consent-grant = Share…
consent-deny = Do not share
consent-grant-hint = You can share less than asked, never more.
consent-grant-kinds = Share these records
consent-grant-from = Records from
consent-grant-to = Records up to
consent-grant-until = Sharing ends on
consent-grant-submit = Share these records
consent-cancel = Cancel
consent-grant-pick-kind = Tick at least one kind of record, or choose "Do not share".
consent-grant-bad-date = Please choose a date.
consent-grant-dates-order = The first date must not be after the last one.
consent-grant-until-past = Sharing must end on a day still to come.
consent-revoke = Stop sharing
consent-revoke-question = Stop sharing with { $name } now? From their next look, they will not see these records.
consent-revoke-yes = Yes, stop sharing
hi-type-DiagnosticReport = Lab reports and tests
hi-type-Prescription = Prescriptions and medicines
hi-type-OPConsultation = Doctor visits, illnesses and allergies
hi-type-DischargeSummary = Hospital discharge summaries
hi-type-ImmunizationRecord = Vaccinations
hi-type-HealthDocumentRecord = Documents and photos
hi-type-WellnessRecord = Body measurements (BP, weight, pulse)

## Access log (who else read or changed the patient's data)
access-title = Who saw my records
access-intro = Every time someone else opens or changes your records, it is listed here.
access-empty = Nobody else has opened your records.
access-more = Show older
access-someone = Someone
access-refused = refused
access-basis-consent = with your consent
access-basis-btg = emergency access (break the glass)
access-basis-emergency = from your medical ID card
access-role-doctor = A doctor
access-role-admin = A MySehat administrator
access-role-health_worker = A health worker
access-role-supervisor = A health-worker supervisor
access-role-dispatcher = An emergency desk
access-role-ambulance_crew = An ambulance crew
access-action-other = did something ({ $action })
access-action-records-timeline = looked at your record list
access-action-records-trends = looked at your health charts
access-action-records-download = opened a document
access-action-records-export = downloaded your records
access-action-fhir-read = read a record
access-action-fhir-search = searched your records
access-action-fhir-create = added a record
access-action-fhir-update = changed a record
access-action-fhir-patch = changed a record
access-action-fhir-delete = deleted a record
access-action-fhir-history = looked at a record's history
access-action-fhir-vread = read an old version of a record
access-action-fhir-transaction = added or changed records
access-action-consent-request = asked to see your records
access-action-consent-break-glass = opened your records in an emergency
access-action-consent-grant = shared records
access-action-consent-deny = refused a request
access-action-consent-revoke = stopped sharing
access-action-medical-id-public-read = opened your medical ID card
access-action-medical-id-read = looked at your medical ID
access-action-access-denied = tried to open your records and was refused
access-action-sos-read = looked at your SOS alert

## Consent: the doctor's side
tile-consent-doctor = Patient records and consent
consent-doctor-title = Patient records and consent
consent-doctor-intro = Ask a patient to share their records. You see them only after they agree, only what they agree to, and only until it ends.
consent-request-title = Ask a patient for access
consent-patient-phone = Patient's mobile number
consent-request-from = Records from
consent-request-to = Records up to
consent-request-until = Access ends on
consent-request-submit = Send the request
consent-request-sent = Sent. { $name } will see your request in their app.
consent-doctor-list = Your requests
consent-doctor-none = You have not asked any patient yet.
consent-refresh = Check for answers
consent-view-record = View record
consent-btg-title = Emergency: break the glass
consent-btg-intro = Only when the patient cannot give consent and waiting would harm them. You get every record for a short time. The patient is told and sees your reason, and the access is reviewed.
consent-btg-reason = Why this cannot wait
consent-btg-reason-hint = { $min } to { $max } characters ({ $count } written).
consent-btg-confirm = This is an emergency and the patient cannot give consent now.
consent-btg-confirm-first = Tick the box to confirm that this is an emergency.
consent-btg-submit = Break the glass and open the record

## Health record
records-title = My health record
records-title-doctor = Patient's health record
records-of = Record of { $name }
records-scope = Shared with you: { $kinds }, dated { $from } to { $to }, until { $until }.
records-scope-btg = Emergency access to every record, until { $until }.
records-pick-patient = Open a patient's record from your list of consents.
records-timeline = Records
records-filter = Show
records-filter-all = All kinds of records
records-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
records-no-date = No date
records-more = Show more
records-patient-reported = added by the patient
records-added-by-you = added by you
records-open-document = Download
records-refused-title = You cannot see this record now
records-refused = The patient has not shared these records with you, has stopped sharing them, or the sharing has ended. Ask the patient again.
records-try-again = Try again
records-trends = Charts
records-trend-refused = The patient has not shared these measurements with you.
records-upload-title = Add a report or photo
records-upload-hint = A PDF, or a photo (JPEG, PNG or WebP), up to 10 MB.
records-upload-file = File
records-upload-name = What is it?
records-upload-name-example = For example: Blood test, March
records-upload-date = Date of the report
records-upload-submit = Add to my record
records-uploading = Sending…
records-upload-done = Added to your record.
records-upload-no-file = Choose a file first.
records-upload-too-big = This file is larger than 10 MB. Please choose a smaller one.
records-upload-type = Please choose a PDF, or a JPEG, PNG or WebP photo.
records-export-title = All my data
records-export-intro = One file with every record of yours (in FHIR form), to keep or to give to another hospital.
records-export = Download all my data
trend-metric-blood_pressure = Blood pressure
trend-metric-blood_glucose = Blood sugar
trend-metric-weight = Weight
trend-metric-bmi = BMI
trend-metric-haemoglobin = Haemoglobin
trend-metric-spo2 = Oxygen (SpO₂)
trend-none = No readings of { $metric } yet.
trend-latest = Latest: { $value } { $unit } on { $date }
trend-summary = { $metric }: { $count ->
    [one] { $count } reading
   *[other] { $count } readings
}, latest { $latest } { $unit } on { $date }
trend-range = Shaded: the usual range, { $low }–{ $high } { $unit }.
trend-range-below = Shaded: the usual range, below { $high } { $unit }.
trend-range-above = Shaded: the usual range, above { $low } { $unit }.
trend-series-systolic = Upper (systolic)
trend-series-diastolic = Lower (diastolic)
