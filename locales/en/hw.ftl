# Health Worker Mode (web/src/hw/screens). Form questions live in forms.ftl.
# Workers read these in the field, often in sunlight: short, plain sentences.

tile-hw-supervisor = Health workers

## Sync bar, on every health worker screen
hw-sync-online = Online
hw-sync-offline = Offline — your work is kept on this phone
hw-sync-unsynced = { $count ->
    [one] 1 record not yet synced
   *[other] { $count } records not yet synced
}
hw-sync-all-synced = Everything is synced
hw-sync-attention = { $count ->
    [one] 1 needs attention
   *[other] { $count } need attention
}
hw-sync-last = Last synced { $time }
hw-sync-never = Not synced yet
hw-sync-now = Sync now
hw-sync-running = Syncing…
hw-sync-failed = The last sync did not finish: { $reason }
hw-attention-rejected = The server refused this: { $reason }
hw-attention-conflict = This clashes with another saved change: { $reason }
hw-attention-discard = Discard this change
hw-logout-refused = { $count ->
    [one] 1 record is not yet synced. Sync it before logging out, or it will be lost.
   *[other] { $count } records are not yet synced. Sync them before logging out, or they will be lost.
}

## Kinds of record, in the sync bar's list
hw-kind-Group = Household
hw-kind-Location = Household location
hw-kind-Patient = Member
hw-kind-Encounter = Visit
hw-kind-QuestionnaireResponse = Form
hw-kind-Task = Follow-up

## Villages
hw-title = Health worker mode
hw-villages = My villages
hw-villages-empty = No villages are assigned to you yet. Ask your supervisor.
hw-villages-cached = Saved list. Connect to the internet to refresh it.
hw-village-households = { $count ->
    [one] 1 household
   *[other] { $count } households
}
hw-numbers-left = Household numbers left on this phone: { $count }
hw-numbers-none = No household numbers left on this phone. Connect to the internet to get more.
hw-follow-ups-link = Follow-ups
hw-back-villages = ← My villages
hw-back-village = ← { $village }
hw-back-household = ← Household { $number }

## One village
hw-register = Register a household
hw-households-empty = No households registered in this village yet.
hw-household-members = { $count ->
    [one] 1 member
   *[other] { $count } members
}
hw-not-synced = Not yet synced

## Registering a household
hw-register-title = New household
hw-register-village = Village: { $village }
hw-register-number = Household number
hw-location = Location
hw-location-fix = Location recorded, accurate to { $metres } m
hw-location-trying = Finding the location…
hw-location-none = No location fix. You can still save; the household will be marked “no location”.
hw-location-retry = Try again
hw-location-missing = No location
hw-members = Members
hw-members-none = No members added yet.
hw-member-add = Add a member
hw-member-name = Full name
hw-member-sex = Sex
hw-sex-female = Female
hw-sex-male = Male
hw-sex-other = Other
hw-member-birth-kind = Date of birth or age
hw-birth-known = Date of birth known
hw-birth-age = Only the age known
hw-member-birth = Date of birth
hw-member-age = Age in years
hw-member-relation = Relation to the head of the household
hw-relation-head = Head
hw-relation-spouse = Spouse
hw-relation-son = Son
hw-relation-daughter = Daughter
hw-relation-father = Father
hw-relation-mother = Mother
hw-relation-other = Other
hw-member-phone = Mobile number (optional)
hw-member-abha = ABHA number (optional)
hw-member-abha-hint = 14 digits
hw-member-save = Add this member
hw-member-cancel = Cancel
hw-member-remove = Remove
hw-member-need-name = Write the member’s name.
hw-member-need-sex = Choose the member’s sex.
hw-member-need-relation = Choose the relation to the head of the household.
hw-member-need-birth = Give the date of birth or the age in years.
hw-member-bad-birth = The date of birth cannot be in the future.
hw-member-bad-age = Give the age as a whole number of years, from 0 to 120.
hw-member-bad-phone = This mobile number is not valid.
hw-member-bad-abha = An ABHA number has 14 digits.
hw-register-save = Save household
hw-register-need-member = Add at least one member.
hw-register-need-head = Mark one member as the head of the household.
hw-register-saved = Household { $number } is saved on this phone.
hw-age-years = { $years ->
    [one] 1 year
   *[other] { $years } years
}
hw-age-estimated = about { $years ->
    [one] 1 year
   *[other] { $years } years
}

## One household
hw-household-title = Household { $number }
hw-household-missing = This household is not on this phone.
hw-household-add-member = Add a member
hw-member-added = Member added.
hw-visit-record = Record a visit
hw-visit-for = Visit for
hw-visit-household = The whole household
hw-visit-save = Save visit
hw-visit-saved = Visit recorded.
hw-form-fill = Fill a form
hw-household-form = Household form
hw-events = Visits and forms
hw-events-none = No visits yet.
hw-event-visit = Visit
hw-event-at = { $time }
hw-member-forms = Forms for { $name }

## Filling a form
hw-form-for = For { $name }
hw-form-choose = Choose a form
hw-form-missing = Still to answer: { $items }
hw-form-save = Save form and visit
hw-form-saved = The form is saved with the visit.
hw-form-not-found = This form is not on this phone.
hw-form-score = { $name }: { $score }
hw-form-flags = Needs action
hw-form-yes = Yes
hw-form-no = No
hw-form-select = Choose…

## Follow-ups
hw-follow-ups = Follow-ups
hw-fu-overdue = Overdue
hw-fu-due = Due
hw-fu-done = Done
hw-fu-none = None.
hw-fu-due-on = Due { $date }
hw-fu-mark-done = Mark done
hw-fu-marked = Marked as done.

## Supervisor
hw-sup-title = Health workers
hw-sup-workers-none = No health workers in your area yet.
hw-sup-villages = Villages
hw-sup-last-sync = Last sync
hw-sup-never = Never
hw-sup-households = Households
hw-sup-screenings = Screenings
hw-sup-overdue = Follow-ups overdue
hw-sup-conflicts = Clashing changes
hw-sup-conflicts-none = No clashes to resolve.
hw-sup-record = { $kind } { $id }
hw-sup-field = Field: { $field }
hw-sup-server = On the server
hw-sup-device = From the phone
hw-sup-keep-server = Keep the server’s
hw-sup-keep-device = Keep the phone’s
hw-sup-resolved = Resolved.
hw-sup-online-only = This screen needs the internet.

## Clinical flags a form raises, shown live while filling it
hw-flag-cbac-refer = CBAC score above 4: refer for NCD screening
hw-flag-cbac-symptom = Warning symptom: refer to the sub-centre
hw-flag-tb-presumptive = Possible TB: refer for a sputum test
hw-flag-anc-danger = Pregnancy danger sign: refer today
