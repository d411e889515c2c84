# MySehat वेब ऐप के शब्द (हिन्दी)। सर्वर की त्रुटि-संदेश फ़ाइल errors.ftl इसी फ़ोल्डर में है।
# वाक्य छोटे और सरल रखें।

app-name = MySehat
app-tagline = आपके और आपके परिवार के लिए स्वास्थ्य सहायता, इंटरनेट के बिना भी।

## Header
lang-switch-label = भाषा
offline-badge = ऑफ़लाइन — सहेजी गई जानकारी दिख रही है

## Welcome
welcome-title = MySehat में आपका स्वागत है
welcome-register = रजिस्टर करें
welcome-login = लॉग इन करें

## Register
register-title = अपना खाता बनाएँ
field-name = आपका नाम
field-phone = मोबाइल नंबर
field-phone-hint = 10 अंकों का मोबाइल नंबर, जैसे 98765 43210
field-password = पासवर्ड
field-password-hint = कम से कम 8 अक्षर
field-language = संदेशों की भाषा
password-show = दिखाएँ
password-hide = छिपाएँ
register-submit = रजिस्टर करें
register-busy = आपका खाता बन रहा है…
register-have-account = पहले से रजिस्टर हैं? लॉग इन करें

## Login
login-title = लॉग इन करें
login-submit = लॉग इन करें
login-busy = लॉग इन हो रहा है…
login-no-account = नए हैं? रजिस्टर करें
login-wait = आप { $seconds } सेकंड बाद फिर से कोशिश कर सकते हैं।

## Client-side checks before anything is sent
check-name-empty = कृपया अपना नाम लिखें।
check-phone-invalid = कृपया 6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर लिखें।
check-password-short = पासवर्ड में कम से कम 8 अक्षर होने चाहिए।

## Home
home-greeting = नमस्ते, { $name }!
home-intro = आज आपको किस चीज़ की ज़रूरत है?
tile-sos = आपातकालीन SOS
tile-sos-hint = तुरंत मदद पाएँ
tile-symptoms = लक्षण जाँच
tile-mental = मानसिक स्वास्थ्य
tile-records = मेरे रिकॉर्ड
tile-medicines = दवाइयाँ
tile-health-worker = स्वास्थ्य कार्यकर्ता मोड
logout = लॉग आउट

## Modules not built yet
coming-soon-title = जल्द आ रहा है
coming-soon-body = { $feature } अभी तैयार नहीं है। हम इस पर काम कर रहे हैं।
coming-soon-close = ठीक है
sos-call-now = आपात स्थिति में अभी फ़ोन करें:
sos-call-112 = 112 पर कॉल करें (आपातकाल)
sos-call-108 = 108 पर कॉल करें (एम्बुलेंस)
mental-call-now = क्या आप अभी किसी से बात करना चाहते हैं? टेली-मानस मुफ़्त है, 24 घंटे, कई भाषाओं में।
mental-call-14416 = टेली-मानस 14416 पर कॉल करें

## Problems
problem-network = इंटरनेट कनेक्शन नहीं है। ऑनलाइन होने पर फिर से कोशिश करें।
problem-unknown = कुछ गड़बड़ हो गई। कृपया फिर से कोशिश करें।
problem-session-expired = कृपया फिर से लॉग इन करें।
not-found-title = यह पेज नहीं मिला
not-found-home = होम पर जाएँ
loading = लोड हो रहा है…

## SOS
tile-dispatch = आपातकालीन डेस्क
tile-crew = एम्बुलेंस ड्यूटी
sos-button = SOS
sos-button-hint = मदद के लिए दबाएँ। आप इसे { $seconds } सेकंड के अंदर रोक सकते हैं।
sos-kind-question = क्या हुआ? (ज़रूरी नहीं)
sos-kind-accident = दुर्घटना
sos-kind-chest_pain = सीने में दर्द
sos-kind-breathing = साँस लेने में तकलीफ़
sos-kind-pregnancy = गर्भावस्था
sos-kind-unconscious = बेहोश
sos-kind-other = अन्य
sos-countdown-title = आपातकालीन अलर्ट भेजा जा रहा है
sos-countdown = अलर्ट { $seconds } सेकंड में जाएगा।
sos-countdown-cancel = रोकें — न भेजें
sos-send-now = अभी भेजें
sos-login-to-alert = SOS अलर्ट भेजने के लिए लॉग इन करें
sos-patients-only = ऐप से SOS अलर्ट मरीज़ के खाते से भेजे जाते हैं। आपात स्थिति में अभी फ़ोन करें:
sos-active-alert = आपका एक SOS चालू है। उसे खोलें।
sos-locating = आपकी जगह ढूँढी जा रही है…
sos-no-location = जगह नहीं मिल रही। लोकेशन चालू करें, या 112 पर कॉल करें।
sos-locate-again = जगह फिर से ढूँढें
sos-location = आपकी जगह
sos-location-last-known = आख़िरी पता चली जगह
sos-location-patient = मरीज़ की जगह
sos-location-patient-last-known = मरीज़ की आख़िरी पता चली जगह
sos-accuracy = (±{ $m } मीटर)
sos-digipin = डिजिपिन
sos-age-now = अभी-अभी
sos-age-minutes = { $minutes } मिनट पहले
sos-age-hours = { $hours } घंटे पहले
sos-send-sms = मेरी जगह के साथ SMS भेजें
sos-sms-body = आपातकाल! मुझे मदद चाहिए। मेरी जगह: { $coords } (±{ $accuracy } मीटर) { $maps } डिजिपिन { $digipin } — MySehat से भेजा गया
sos-incident-title = आपका SOS
sos-queued = कतार में है — नेटवर्क लौटते ही भेजा जाएगा। हो सके तो अभी 112 या 108 पर कॉल करें।
sos-locating-queued = सहेज लिया गया। आपकी जगह मिलते ही भेजा जाएगा। हो सके तो अभी 112 या 108 पर कॉल करें।
sos-queued-tries = { $tries } बार कोशिश हुई; अपने-आप फिर कोशिश हो रही है।
sos-rejected = अलर्ट नहीं भेजा जा सका। अभी 112 पर कॉल करें।
sos-call-112-banner = अभी तक किसी अस्पताल ने जवाब नहीं दिया। अभी 112 पर कॉल करें।
sos-state-loading = लोड हो रहा है…
sos-state-created = अलर्ट मिल गया। सबसे पास का अस्पताल ढूँढा जा रहा है।
sos-state-alerting = अलर्ट भेज दिया गया। अस्पताल के जवाब का इंतज़ार है।
sos-state-accepted = { $hospital } ने आपका अलर्ट स्वीकार किया। एम्बुलेंस का इंतज़ाम हो रहा है।
sos-state-ambulance_assigned = एम्बुलेंस तय हो गई है।
sos-state-en_route = एम्बुलेंस रास्ते में है।
sos-state-on_scene = एम्बुलेंस पहुँच गई है।
sos-state-transporting = अस्पताल जा रहे हैं।
sos-state-closed = बंद। जल्दी ठीक हो जाइए।
sos-state-cancelled = यह SOS रद्द कर दिया गया।
sos-state-unanswered = किसी अस्पताल ने जवाब नहीं दिया। अभी 112 पर कॉल करें।
sos-state-short-created = मिल गया
sos-state-short-alerting = अस्पतालों को सूचना
sos-state-short-accepted = स्वीकार
sos-state-short-ambulance_assigned = एम्बुलेंस तय
sos-state-short-en_route = रास्ते में
sos-state-short-on_scene = पहुँच गई
sos-state-short-transporting = अस्पताल की ओर
sos-state-short-closed = बंद
sos-state-short-cancelled = रद्द
sos-state-short-unanswered = जवाब नहीं मिला
sos-step-alerting = अस्पतालों को सूचना दी गई
sos-step-accepted = अस्पताल ने स्वीकार किया
sos-step-ambulance_assigned = एम्बुलेंस तय हुई
sos-step-en_route = एम्बुलेंस रास्ते में
sos-step-on_scene = एम्बुलेंस पहुँची
sos-step-transporting = अस्पताल जा रहे हैं
sos-step-closed = बंद
sos-ambulance = 🚑 { $callSign }
sos-ambulance-distance = { $distance } दूर
sos-distance-m = { $m } मीटर
sos-distance-km = { $km } किमी
sos-eta = लगभग { $minutes } मिनट में पहुँचेगी
sos-call-crew = एम्बुलेंस को कॉल करें ({ $phone })
sos-call-hospital = { $hospital } को कॉल करें
sos-cancel = SOS रद्द करें
sos-cancel-question = यह SOS रद्द करें? ऐसा तभी करें जब अब मदद की ज़रूरत न हो।
sos-cancel-yes = हाँ, रद्द करें
sos-cancel-no = नहीं, रहने दें
sos-timeline = अब तक क्या हुआ
sos-actor-patient = आप
sos-actor-dispatcher = अस्पताल
sos-actor-ambulance_crew = एम्बुलेंस
sos-actor-system = MySehat
sos-actor-admin = प्रशासक
sos-repeat-call-112 = आपने कुछ ही मिनटों में कई SOS अलर्ट भेजे हैं। अगर यह सच में आपातकाल है, तो अभी 112 पर कॉल करें।
dispatch-repeat = ⚠ दोहराव: इस व्यक्ति से पिछले 10 मिनट में { $count } और SOS
medical-id = मेडिकल आईडी
medical-blood-group = ब्लड ग्रुप
medical-allergies = एलर्जी
medical-conditions = बीमारियाँ
medical-medicines = दवाइयाँ
medical-organ-donor = अंगदान करने वाले
medical-preferred-hospital = पसंदीदा अस्पताल
medical-contacts = आपातकालीन संपर्क
medical-yes = हाँ
live-polling = लाइव अपडेट रुके हैं; हर कुछ सेकंड में जाँच हो रही है।
dispatch-title = आपातकालीन डेस्क
dispatch-new-alerts = { $count ->
    [one] नया अलर्ट
   *[other] { $count } नए अलर्ट
}
dispatch-no-alerts = कोई नया अलर्ट नहीं। यह स्क्रीन खुली रखें।
dispatch-in-progress = चल रहे मामले
dispatch-recent = हाल ही में पूरे हुए
dispatch-raised-at = { $time } पर भेजा गया
dispatch-distance-from-you = अस्पताल से { $distance }
dispatch-call-patient = मरीज़ को कॉल करें ({ $phone })
dispatch-open-map = नक्शे में खोलें
dispatch-accept = स्वीकार करें
dispatch-decline = मना करें
dispatch-taken = किसी दूसरे डेस्क ने यह अलर्ट पहले स्वीकार कर लिया।
dispatch-pick-ambulance = एम्बुलेंस चुनें (सबसे पास वाली पहले)
dispatch-no-ambulances = कोई एम्बुलेंस ड्यूटी पर नहीं है।
dispatch-ambulance-available = उपलब्ध
dispatch-ambulance-busy = व्यस्त
dispatch-ambulance-off_duty = ड्यूटी पर नहीं
dispatch-assign = { $callSign } भेजें
dispatch-refresh-ambulances = सूची फिर से लाएँ
crew-title = एम्बुलेंस ड्यूटी
crew-ambulance = आपकी एम्बुलेंस: { $callSign }
crew-on-duty = ड्यूटी पर
crew-duty-on = हाँ
crew-duty-off = नहीं
crew-off-duty-hint = आपातकालीन मामले पाने के लिए ड्यूटी शुरू करें।
crew-no-job = कोई आपातकालीन मामला नहीं सौंपा गया। यह स्क्रीन खुली रखें।
crew-location-waiting = आपकी जगह का इंतज़ार…
crew-location-shared = जगह भेजी गई (±{ $m } मीटर), { $age }।
crew-location-refused = जगह स्वीकार नहीं हुई: { $reason }
crew-location-offline = सर्वर से संपर्क नहीं हो पा रहा; कोशिश जारी है।
crew-location-denied = लोकेशन बंद है। लोकेशन की अनुमति दें ताकि मरीज़ और अस्पताल आपको देख सकें।
crew-navigate = रास्ता देखें
crew-call-patient = मरीज़ को कॉल करें
crew-step-en_route = शुरू करें: मरीज़ के पास जा रहे हैं
crew-step-on_scene = मरीज़ के पास पहुँच गए
crew-step-transporting = मरीज़ गाड़ी में: अस्पताल की ओर
crew-step-closed = सौंप दिया: बंद करें
