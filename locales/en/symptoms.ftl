# MySehat symptom checker screen (English). The Hindi file locales/hi/symptoms.ftl has the same ids.
# The engine's own texts (questions, advice, disclaimer, condition and danger-sign names) come with its answer in both
# languages; these are the screen's words around them. Keep sentences short and plain.

## Start
sym-title = Symptom checker
sym-intro = Tell us what is wrong in your own words, in English or Hindi. We ask a few questions and tell you how soon to see a doctor.
sym-age = Age
sym-age-unit = Age counted in
sym-age-years = Years
sym-age-months = Months (for babies)
sym-sex = Sex
sym-sex-female = Female
sym-sex-male = Male
sym-sex-other = Other
sym-pregnant = Pregnant now?
sym-pregnant-yes = Yes
sym-pregnant-no = No
sym-pregnant-unknown = Not sure
sym-complaint = What is the problem?
sym-complaint-hint = For example: fever for 3 days and headache, or "pet mein dard aur ulti"
sym-speak = Speak
sym-speak-stop = Stop listening
sym-listening = Listening… speak now.
sym-speech-failed = Could not hear that. Please type instead.
sym-vitals = Measurements (if you have them)
sym-vitals-hint = Leave empty what you have not measured.
sym-vital-temperature = Temperature (°C or °F)
sym-vital-pulse = Pulse (beats per minute)
sym-vital-breaths = Breaths per minute
sym-vital-spo2 = Oxygen (SpO2, %)
sym-vital-bp-top = Blood pressure: top number
sym-vital-bp-bottom = Blood pressure: bottom number
sym-vital-glucose = Blood sugar (mg/dL)
sym-submit = Check
sym-busy = Checking…
sym-offline-note = You are offline. The check still works on this phone.

## Checks before anything is sent
sym-check-age = Please write the age as a number.
sym-check-age-range = Please write an age between 0 and 120 years.
sym-check-sex = Please choose the sex.
sym-check-text = Please describe the problem in a few words.
sym-check-vital = This number looks wrong. Please check it or leave it empty.

## Interview
sym-question-count = Question { $number }
sym-answer-yes = Yes
sym-answer-no = No
sym-answer-unknown = Don't know
sym-reason-red_flag_screening = We ask this first because it can be a danger sign.
sym-reason-most_informative = This helps us tell the likely causes apart.
sym-back = Back
sym-show-result = Show the result now

## Result: how urgent
sym-result-title = What to do
sym-level-emergency = Emergency
sym-level-emergency-explain = Call 108 (ambulance) or 112 now, or go to the nearest hospital straight away.
sym-level-urgent = Urgent
sym-level-urgent-explain = See a doctor within 24 hours, today if you can.
sym-level-see_doctor = See a doctor
sym-level-see_doctor-explain = See a doctor or visit a health centre within the next few days.
sym-level-self_care = Care at home
sym-level-self_care-explain = This can usually be looked after at home. See a doctor if it gets worse, does not get better in a few days, or new symptoms appear.
sym-call-108 = Call 108 (ambulance)
sym-call-112 = Call 112 (emergency)
sym-offline-check = Offline check: done on this phone without the internet, with the same rules as online.

## Result: details
sym-red-flags = Danger signs we noticed
sym-source = Based on: { $source }
sym-conditions = Possible causes
sym-conditions-hint = Possibilities to discuss with a doctor, not a diagnosis.
sym-probability = About { $percent } % likely
sym-for = Speaks for it
sym-against = Speaks against it
sym-advice = Advice
sym-understood = What we understood
sym-understood-yes = Yes: { $finding }
sym-understood-no = No: { $finding }
sym-understood-fix = Not right? Start again and describe it differently.

## Crisis (thoughts of suicide or self-harm)
sym-crisis-title = You are not alone
sym-crisis-body = If you are thinking of ending your life or hurting yourself, please talk to someone now. Trained counsellors listen, in your language, day and night.
sym-call-tele-manas = Call Tele-MANAS 14416
sym-call-tele-manas-toll-free = Call 1-800-891-4416 (free)

## Actions
sym-save = Save to my record
sym-saving = Saving…
sym-saved = Saved in your health record.
sym-save-offline = Connect to the internet to save this check in your record.
sym-start-over = Start again

## Problems
sym-error-missing_age = Please enter the age (in years, or in months for a baby).
sym-error-invalid_age = Please enter an age between 0 and 120 years.
sym-error-text_too_long = The description is too long. Please shorten it.
sym-error-too_many_answers = Too many answers. Please start again.
sym-error-vital_out_of_range = A measurement looks wrong. Please check it.
sym-error-invalid_answer = That answer does not fit the question. Please start again.
sym-error-engine = The check could not run on this phone. If you feel unwell, see a doctor or call 108.
