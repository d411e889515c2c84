# MySehat लक्षण जाँच के शब्द (हिन्दी)। अंग्रेज़ी फ़ाइल locales/en/triage.ftl में यही आईडी हैं।
# सलाह, अस्वीकरण और सवालों के शब्द एपीआई से दोनों भाषाओं में आते हैं; ये उनके आसपास के लेबल हैं।
# वाक्य छोटे और सरल रखें।

## शुरुआत
triage-title = लक्षण जाँच
triage-intro = अपनी भाषा में बताइए कि क्या तकलीफ़ है, हिन्दी या अंग्रेज़ी में। हम कुछ सवाल पूछेंगे और बताएँगे कि डॉक्टर को कितनी जल्दी दिखाना है।
triage-for-whom = कौन बीमार है?
triage-for-me = मैं
triage-for-someone-else = कोई और (बच्चा, परिवार का सदस्य, मरीज़)
triage-describe-label = क्या तकलीफ़ है?
triage-describe-hint = जैसे: 3 दिन से बुखार और सिरदर्द, या "pet mein dard aur ulti"
triage-speak = लिखने के बजाय बोलकर बताएँ
triage-age-label = उम्र (साल में)
triage-age-months-label = उम्र (महीनों में, 2 साल से छोटे बच्चों के लिए)
triage-sex-label = लिंग
triage-sex-female = महिला
triage-sex-male = पुरुष
triage-sex-other = अन्य
triage-pregnant-label = गर्भवती हैं?
triage-pregnant-yes = हाँ
triage-pregnant-no = नहीं
triage-pregnant-unknown = पक्का नहीं
triage-vitals-title = नाप (अगर आपके पास हों)
triage-vitals-temperature = तापमान (°C)
triage-vitals-pulse = नब्ज़ (प्रति मिनट)
triage-vitals-respiratory-rate = साँसें प्रति मिनट
triage-vitals-spo2 = ऑक्सीजन (SpO2, %)
triage-vitals-bp = ब्लड प्रेशर (ऊपर / नीचे)
triage-vitals-glucose = शुगर (mg/dL)
triage-submit = जाँचें
triage-busy = जाँच हो रही है…
triage-offline = आप ऑफ़लाइन हैं। जाँच फिर भी काम करती है; इंटरनेट आने तक कुछ भी भेजा नहीं जाएगा।

## सवाल
triage-question-title = कुछ सवाल
triage-question-progress = सवाल { $number }, ज़्यादा से ज़्यादा { $max } में से
triage-answer-yes = हाँ
triage-answer-no = नहीं
triage-answer-unknown = पता नहीं
triage-question-reason-red_flag_screening = यह सवाल पहले इसलिए पूछ रहे हैं क्योंकि यह ख़तरे का संकेत हो सकता है।
triage-question-reason-most_informative = इससे संभावित कारणों में फ़र्क करने में मदद मिलती है।
triage-skip-questions = नतीजा अभी दिखाएँ

## नतीजा: कितनी जल्दी
triage-result-title = क्या करें
triage-level-emergency = इमरजेंसी
triage-level-emergency-explain = अभी 108 (एम्बुलेंस) या 112 पर फ़ोन करें, या तुरंत नज़दीकी अस्पताल जाएँ।
triage-level-urgent = जल्दी
triage-level-urgent-explain = 24 घंटे के अंदर, हो सके तो आज ही, डॉक्टर को दिखाएँ।
triage-level-see_doctor = डॉक्टर को दिखाएँ
triage-level-see_doctor-explain = अगले कुछ दिनों में डॉक्टर को दिखाएँ या स्वास्थ्य केंद्र जाएँ।
triage-level-self_care = घर पर देखभाल
triage-level-self_care-explain = आमतौर पर इसकी देखभाल घर पर हो सकती है। तकलीफ़ बढ़े, कुछ दिनों में आराम न हो, या नए लक्षण आएँ तो डॉक्टर को दिखाएँ।

## नतीजा: विवरण
triage-red-flags-title = ख़तरे के संकेत जो हमने देखे
triage-red-flag-source = आधार: { $source }
triage-conditions-title = संभावित कारण
triage-conditions-hint = ये डॉक्टर से बात करने के लिए संभावनाएँ हैं, निदान नहीं।
triage-condition-likelihood = लगभग { $percent } % संभावना
triage-condition-for = इसके पक्ष में
triage-condition-against = इसके विपक्ष में
triage-understood-title = हमने क्या समझा
triage-understood-present = हाँ: { $finding }
triage-understood-absent = नहीं: { $finding }
triage-understood-fix = सही नहीं है? अपना विवरण बदलकर फिर से जाँचें।
triage-duration = लगभग { $days } दिन से
triage-disclaimer = यह निदान (डायग्नोसिस) नहीं है। यह आपकी बताई बातों पर आधारित सलाह है, ताकि आप तय कर सकें कि इलाज कहाँ लें। बहुत बीमार लगे या चिंता हो तो डॉक्टर को दिखाएँ या 108 या 112 पर फ़ोन करें।

## फ़ोन और हेल्पलाइन
triage-call-108 = 108 पर फ़ोन करें
triage-call-108-explain = मुफ़्त एम्बुलेंस
triage-call-112 = 112 पर फ़ोन करें
triage-call-112-explain = इमरजेंसी: पुलिस, फ़ायर, एम्बुलेंस
triage-helplines-title = मदद अभी उपलब्ध है
triage-helpline-tele-manas = टेली-मानस मानसिक स्वास्थ्य हेल्पलाइन: 14416 या 1-800-891-4416 (मुफ़्त, 24x7, कई भारतीय भाषाओं में)
triage-helpline-emergency = इमरजेंसी: 112
triage-call-tele-manas = टेली-मानस 14416 पर फ़ोन करें
triage-call-tele-manas-toll-free = 1-800-891-4416 पर फ़ोन करें

## संकट (आत्महत्या या ख़ुद को नुकसान के विचार)
triage-crisis-title = आप अकेले नहीं हैं
triage-crisis-body = अगर आपके मन में अपनी जान लेने या ख़ुद को नुकसान पहुँचाने के विचार आ रहे हैं, तो कृपया अभी किसी से बात करें। प्रशिक्षित सलाहकार दिन-रात, आपकी भाषा में, सुनने के लिए तैयार हैं।
triage-crisis-safety = किसी भरोसेमंद व्यक्ति के साथ रहें, और कीटनाशक, दवाइयाँ और धारदार चीज़ें दूर रखें।
triage-crisis-continue = अभी किसी से बात करें

## कार्य
triage-start-over = फिर से शुरू करें
triage-share-with-doctor = डॉक्टर के साथ साझा करें
triage-save-to-record = मेरे स्वास्थ्य रिकॉर्ड में सहेजें
triage-find-facility = नज़दीकी अस्पताल खोजें

## इंजन की त्रुटियाँ (एपीआई से आने वाले कोड)
error-triage_missing_age = कृपया उम्र लिखें (साल में, या शिशु के लिए महीनों में)।
error-triage_invalid_age = कृपया 0 से 120 साल के बीच उम्र लिखें।
error-triage_text_too_long = विवरण बहुत लंबा है। कृपया छोटा करें।
error-triage_too_many_answers = बहुत सारे जवाब भेजे गए। कृपया फिर से शुरू करें।
error-triage_vital_out_of_range = कोई नाप ग़लत लग रहा है। कृपया जाँच लें (तापमान °C में)।
error-triage_invalid_answer = यह जवाब सवाल से मेल नहीं खाता। कृपया दिए गए विकल्पों में से चुनें।
error-triage_knowledge_base_invalid = लक्षण जाँच अभी उपलब्ध नहीं है। तबीयत ठीक न लगे तो डॉक्टर को दिखाएँ या 108 पर फ़ोन करें।
