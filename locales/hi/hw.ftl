# स्वास्थ्य कार्यकर्ता मोड (web/src/hw/screens)। फ़ॉर्म के प्रश्न forms.ftl में हैं।
# कार्यकर्ता इन्हें मैदान में, अक्सर धूप में पढ़ती हैं: छोटे, सीधे वाक्य।

tile-hw-supervisor = स्वास्थ्य कार्यकर्ता

## सिंक पट्टी, हर स्वास्थ्य कार्यकर्ता स्क्रीन पर
hw-sync-online = ऑनलाइन
hw-sync-offline = ऑफ़लाइन — आपका काम इसी फ़ोन में सुरक्षित है
hw-sync-unsynced = { $count ->
    [one] 1 रिकॉर्ड अभी सिंक नहीं हुआ
   *[other] { $count } रिकॉर्ड अभी सिंक नहीं हुए
}
hw-sync-all-synced = सब कुछ सिंक हो गया है
hw-sync-attention = { $count ->
    [one] 1 पर ध्यान देना ज़रूरी है
   *[other] { $count } पर ध्यान देना ज़रूरी है
}
hw-sync-last = पिछला सिंक { $time }
hw-sync-never = अभी तक सिंक नहीं हुआ
hw-sync-now = अभी सिंक करें
hw-sync-running = सिंक हो रहा है…
hw-sync-failed = पिछला सिंक पूरा नहीं हुआ: { $reason }
hw-attention-rejected = सर्वर ने इसे नहीं माना: { $reason }
hw-attention-conflict = यह किसी दूसरे सहेजे गए बदलाव से टकराता है: { $reason }
hw-attention-discard = यह बदलाव हटाएँ
hw-logout-refused = { $count ->
    [one] 1 रिकॉर्ड अभी सिंक नहीं हुआ है। लॉग आउट से पहले सिंक करें, नहीं तो यह खो जाएगा।
   *[other] { $count } रिकॉर्ड अभी सिंक नहीं हुए हैं। लॉग आउट से पहले सिंक करें, नहीं तो ये खो जाएँगे।
}

## रिकॉर्ड के प्रकार, सिंक पट्टी की सूची में
hw-kind-Group = परिवार
hw-kind-Location = घर की जगह
hw-kind-Patient = सदस्य
hw-kind-Encounter = भेंट
hw-kind-QuestionnaireResponse = फ़ॉर्म
hw-kind-Task = फ़ॉलो-अप

## गाँव
hw-title = स्वास्थ्य कार्यकर्ता मोड
hw-villages = मेरे गाँव
hw-villages-empty = अभी आपको कोई गाँव नहीं सौंपा गया है। अपने पर्यवेक्षक से पूछें।
hw-villages-cached = सहेजी गई सूची। नई सूची के लिए इंटरनेट से जुड़ें।
hw-village-households = { $count ->
    [one] 1 परिवार
   *[other] { $count } परिवार
}
hw-numbers-left = इस फ़ोन पर बचे परिवार नंबर: { $count }
hw-numbers-none = इस फ़ोन पर कोई परिवार नंबर नहीं बचा। और नंबर पाने के लिए इंटरनेट से जुड़ें।
hw-follow-ups-link = फ़ॉलो-अप
hw-back-villages = ← मेरे गाँव
hw-back-village = ← { $village }
hw-back-household = ← परिवार { $number }

## एक गाँव
hw-register = परिवार पंजीकृत करें
hw-households-empty = इस गाँव में अभी कोई परिवार पंजीकृत नहीं है।
hw-household-members = { $count ->
    [one] 1 सदस्य
   *[other] { $count } सदस्य
}
hw-not-synced = अभी सिंक नहीं हुआ

## परिवार का पंजीकरण
hw-register-title = नया परिवार
hw-register-village = गाँव: { $village }
hw-register-number = परिवार नंबर
hw-location = जगह
hw-location-fix = जगह दर्ज हो गई, { $metres } मीटर तक सही
hw-location-trying = जगह खोजी जा रही है…
hw-location-none = जगह नहीं मिली। आप फिर भी सहेज सकती हैं; परिवार पर “जगह नहीं” लिखा रहेगा।
hw-location-retry = फिर से कोशिश करें
hw-location-missing = जगह नहीं
hw-members = सदस्य
hw-members-none = अभी कोई सदस्य नहीं जोड़ा गया।
hw-member-add = सदस्य जोड़ें
hw-member-name = पूरा नाम
hw-member-sex = लिंग
hw-sex-female = महिला
hw-sex-male = पुरुष
hw-sex-other = अन्य
hw-member-birth-kind = जन्म तिथि या उम्र
hw-birth-known = जन्म तिथि पता है
hw-birth-age = केवल उम्र पता है
hw-member-birth = जन्म तिथि
hw-member-age = उम्र (साल में)
hw-member-relation = परिवार के मुखिया से रिश्ता
hw-relation-head = मुखिया
hw-relation-spouse = पति/पत्नी
hw-relation-son = बेटा
hw-relation-daughter = बेटी
hw-relation-father = पिता
hw-relation-mother = माता
hw-relation-other = अन्य
hw-member-phone = मोबाइल नंबर (वैकल्पिक)
hw-member-abha = आभा (ABHA) नंबर (वैकल्पिक)
hw-member-abha-hint = 14 अंक
hw-member-save = यह सदस्य जोड़ें
hw-member-cancel = रद्द करें
hw-member-remove = हटाएँ
hw-member-need-name = सदस्य का नाम लिखें।
hw-member-need-sex = सदस्य का लिंग चुनें।
hw-member-need-relation = परिवार के मुखिया से रिश्ता चुनें।
hw-member-need-birth = जन्म तिथि या साल में उम्र लिखें।
hw-member-bad-birth = जन्म तिथि आने वाले दिनों की नहीं हो सकती।
hw-member-bad-age = उम्र 0 से 120 के बीच पूरे साल में लिखें।
hw-member-bad-phone = यह मोबाइल नंबर सही नहीं है।
hw-member-bad-abha = आभा नंबर में 14 अंक होते हैं।
hw-register-save = परिवार सहेजें
hw-register-need-member = कम से कम एक सदस्य जोड़ें।
hw-register-need-head = किसी एक सदस्य को परिवार का मुखिया चुनें।
hw-register-saved = परिवार { $number } इस फ़ोन में सहेज लिया गया है।
hw-age-years = { $years ->
    [one] 1 साल
   *[other] { $years } साल
}
hw-age-estimated = लगभग { $years ->
    [one] 1 साल
   *[other] { $years } साल
}

## एक परिवार
hw-household-title = परिवार { $number }
hw-household-missing = यह परिवार इस फ़ोन में नहीं है।
hw-household-add-member = सदस्य जोड़ें
hw-member-added = सदस्य जोड़ दिया गया।
hw-visit-record = भेंट दर्ज करें
hw-visit-for = किसके लिए भेंट
hw-visit-household = पूरा परिवार
hw-visit-save = भेंट सहेजें
hw-visit-saved = भेंट दर्ज हो गई।
hw-form-fill = फ़ॉर्म भरें
hw-household-form = परिवार का फ़ॉर्म
hw-events = भेंट और फ़ॉर्म
hw-events-none = अभी कोई भेंट नहीं।
hw-event-visit = भेंट
hw-event-at = { $time }
hw-member-forms = { $name } के फ़ॉर्म

## फ़ॉर्म भरना
hw-form-for = { $name } के लिए
hw-form-choose = फ़ॉर्म चुनें
hw-form-missing = अभी इनका उत्तर देना बाकी है: { $items }
hw-form-save = फ़ॉर्म और भेंट सहेजें
hw-form-saved = फ़ॉर्म भेंट के साथ सहेज लिया गया।
hw-form-not-found = यह फ़ॉर्म इस फ़ोन में नहीं है।
hw-form-score = { $name }: { $score }
hw-form-flags = आगे की कार्रवाई ज़रूरी
hw-form-yes = हाँ
hw-form-no = नहीं
hw-form-select = चुनें…

## फ़ॉलो-अप
hw-follow-ups = फ़ॉलो-अप
hw-fu-overdue = समय निकल गया
hw-fu-due = करना है
hw-fu-done = हो गया
hw-fu-none = कोई नहीं।
hw-fu-due-on = { $date } तक
hw-fu-mark-done = हो गया दर्ज करें
hw-fu-marked = हो गया दर्ज कर दिया।

## पर्यवेक्षक
hw-sup-title = स्वास्थ्य कार्यकर्ता
hw-sup-workers-none = आपके क्षेत्र में अभी कोई स्वास्थ्य कार्यकर्ता नहीं है।
hw-sup-villages = गाँव
hw-sup-last-sync = पिछला सिंक
hw-sup-never = कभी नहीं
hw-sup-households = परिवार
hw-sup-screenings = जाँच
hw-sup-overdue = समय निकले फ़ॉलो-अप
hw-sup-conflicts = टकराते बदलाव
hw-sup-conflicts-none = सुलझाने के लिए कोई टकराव नहीं।
hw-sup-record = { $kind } { $id }
hw-sup-field = जानकारी: { $field }
hw-sup-server = सर्वर पर
hw-sup-device = फ़ोन से
hw-sup-keep-server = सर्वर वाला रखें
hw-sup-keep-device = फ़ोन वाला रखें
hw-sup-resolved = सुलझा दिया गया।
hw-sup-online-only = इस स्क्रीन के लिए इंटरनेट ज़रूरी है।

## फ़ॉर्म भरते समय दिखने वाले ख़तरे के संकेत
hw-flag-cbac-refer = CBAC स्कोर 4 से ज़्यादा: NCD जाँच के लिए भेजें
hw-flag-cbac-symptom = चेतावनी वाला लक्षण: उप-स्वास्थ्य केंद्र भेजें
hw-flag-tb-presumptive = टीबी हो सकती है: बलगम जाँच के लिए भेजें
hw-flag-anc-danger = गर्भावस्था में ख़तरे का संकेत: आज ही रेफ़र करें
