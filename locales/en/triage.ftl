# MySehat symptom checker strings (English). The Hindi file locales/hi/triage.ftl has the same ids.
# The engine's own texts (advice, disclaimer, question text) come from the API in both languages;
# these are the screen's labels around them. Keep sentences short and plain.

## Start
triage-title = Symptom checker
triage-intro = Tell us what is wrong in your own words, in English or Hindi. We will ask a few questions and tell you how soon to see a doctor.
triage-for-whom = Who is unwell?
triage-for-me = Me
triage-for-someone-else = Someone else (child, family member, patient)
triage-describe-label = What is the problem?
triage-describe-hint = For example: fever for 3 days and headache, or "pet mein dard aur ulti"
triage-speak = Speak instead of typing
triage-age-label = Age in years
triage-age-months-label = Age in months (for babies under 2 years)
triage-sex-label = Sex
triage-sex-female = Female
triage-sex-male = Male
triage-sex-other = Other
triage-pregnant-label = Pregnant?
triage-pregnant-yes = Yes
triage-pregnant-no = No
triage-pregnant-unknown = Not sure
triage-vitals-title = Measurements (if you have them)
triage-vitals-temperature = Temperature (°C)
triage-vitals-pulse = Pulse (beats per minute)
triage-vitals-respiratory-rate = Breaths per minute
triage-vitals-spo2 = Oxygen (SpO2, %)
triage-vitals-bp = Blood pressure (top / bottom)
triage-vitals-glucose = Blood sugar (mg/dL)
triage-submit = Check
triage-busy = Checking…
triage-offline = You are offline. The checker still works; nothing is sent until you are back online.

## Interview
triage-question-title = A few questions
triage-question-progress = Question { $number } of at most { $max }
triage-answer-yes = Yes
triage-answer-no = No
triage-answer-unknown = Don't know
triage-question-reason-red_flag_screening = We ask this first because it can be a danger sign.
triage-question-reason-most_informative = This helps us tell the likely causes apart.
triage-skip-questions = Show the result now

## Result: how urgent
triage-result-title = What to do
triage-level-emergency = Emergency
triage-level-emergency-explain = Call 108 (ambulance) or 112 now, or go to the nearest hospital straight away.
triage-level-urgent = Urgent
triage-level-urgent-explain = See a doctor within 24 hours, today if you can.
triage-level-see_doctor = See a doctor
triage-level-see_doctor-explain = See a doctor or visit a health centre within the next few days.
triage-level-self_care = Care at home
triage-level-self_care-explain = This can usually be looked after at home. See a doctor if it gets worse, does not improve in a few days, or new symptoms appear.

## Result: details
triage-red-flags-title = Danger signs we noticed
triage-red-flag-source = Based on: { $source }
triage-conditions-title = Possible causes
triage-conditions-hint = These are possibilities to discuss with a doctor, not a diagnosis.
triage-condition-likelihood = About { $percent } % likely
triage-condition-for = Speaks for it
triage-condition-against = Speaks against it
triage-understood-title = What we understood
triage-understood-present = Yes: { $finding }
triage-understood-absent = No: { $finding }
triage-understood-fix = Not right? Change your description and check again.
triage-duration = For about { $days ->
    [one] { $days } day
   *[other] { $days } days
}
triage-disclaimer = This is not a diagnosis. It is guidance based on what you told us, to help you decide where to seek care. If you feel very unwell or are worried, see a doctor or call 108 or 112.

## Calls and helplines
triage-call-108 = Call 108
triage-call-108-explain = Free ambulance
triage-call-112 = Call 112
triage-call-112-explain = Emergency: police, fire, ambulance
triage-helplines-title = Help is available now
triage-helpline-tele-manas = Tele-MANAS mental health helpline: 14416 or 1-800-891-4416 (free, 24x7, in many Indian languages)
triage-helpline-emergency = Emergency: 112
triage-call-tele-manas = Call Tele-MANAS 14416
triage-call-tele-manas-toll-free = Call 1-800-891-4416

## Crisis (thoughts of suicide or self-harm)
triage-crisis-title = You are not alone
triage-crisis-body = If you are thinking of ending your life or hurting yourself, please talk to someone now. Trained counsellors are ready to listen, in your language, any time of day or night.
triage-crisis-safety = Stay with someone you trust, and keep pesticides, medicines and sharp objects away.
triage-crisis-continue = Talk to someone now

## Actions
triage-start-over = Start again
triage-share-with-doctor = Share with a doctor
triage-save-to-record = Save to my health record
triage-find-facility = Find the nearest hospital

## Errors from the engine (codes returned by the API)
error-triage_missing_age = Please enter the age (in years, or in months for a baby).
error-triage_invalid_age = Please enter an age between 0 and 120 years.
error-triage_text_too_long = The description is too long. Please shorten it.
error-triage_too_many_answers = Too many answers were sent. Please start again.
error-triage_vital_out_of_range = A measurement looks wrong. Please check it (temperature in °C).
error-triage_invalid_answer = That answer does not fit the question. Please choose one of the options.
error-triage_knowledge_base_invalid = The symptom checker is not available right now. If you feel unwell, see a doctor or call 108.
