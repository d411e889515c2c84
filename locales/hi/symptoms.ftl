# MySehat लक्षण जाँच स्क्रीन (हिन्दी)। अंग्रेज़ी फ़ाइल locales/en/symptoms.ftl में यही ids हैं।
# इंजन के अपने पाठ (सवाल, सलाह, अस्वीकरण, बीमारियों और ख़तरे के संकेतों के नाम) उसके जवाब में दोनों भाषाओं में आते हैं;
# यहाँ स्क्रीन के आसपास के शब्द हैं। वाक्य छोटे और सरल रखें।

## शुरुआत
sym-title = लक्षण जाँच
sym-intro = अपनी तकलीफ़ अपने शब्दों में बताइए, हिन्दी या अंग्रेज़ी में। हम कुछ सवाल पूछेंगे और बताएँगे कि डॉक्टर को कितनी जल्दी दिखाना है।
sym-age = उम्र
sym-age-unit = उम्र किसमें
sym-age-years = साल
sym-age-months = महीने (छोटे बच्चों के लिए)
sym-sex = लिंग
sym-sex-female = महिला
sym-sex-male = पुरुष
sym-sex-other = अन्य
sym-pregnant = क्या अभी गर्भवती हैं?
sym-pregnant-yes = हाँ
sym-pregnant-no = नहीं
sym-pregnant-unknown = पता नहीं
sym-complaint = क्या तकलीफ़ है?
sym-complaint-hint = जैसे: 3 दिन से बुखार और सिर दर्द, या "पेट में दर्द और उल्टी"
sym-speak = बोलकर बताएँ
sym-speak-stop = सुनना बंद करें
sym-listening = सुन रहे हैं… अब बोलिए।
sym-speech-failed = सुनाई नहीं दिया। कृपया लिखकर बताइए।
sym-vitals = माप (अगर आपके पास हैं)
sym-vitals-hint = जो नहीं मापा, उसे खाली छोड़ दें।
sym-vital-temperature = बुखार का तापमान (°C या °F)
sym-vital-pulse = नब्ज़ (धड़कन प्रति मिनट)
sym-vital-breaths = साँसें प्रति मिनट
sym-vital-spo2 = ऑक्सीजन (SpO2, %)
sym-vital-bp-top = ब्लड प्रेशर: ऊपर वाला नंबर
sym-vital-bp-bottom = ब्लड प्रेशर: नीचे वाला नंबर
sym-vital-glucose = ब्लड शुगर (mg/dL)
sym-submit = जाँचें
sym-busy = जाँच हो रही है…
sym-offline-note = आप ऑफ़लाइन हैं। जाँच फिर भी इसी फ़ोन पर हो जाएगी।

## भेजने से पहले की जाँच
sym-check-age = कृपया उम्र अंकों में लिखें।
sym-check-age-range = कृपया 0 से 120 साल के बीच की उम्र लिखें।
sym-check-sex = कृपया लिंग चुनें।
sym-check-text = कृपया तकलीफ़ कुछ शब्दों में बताइए।
sym-check-vital = यह नंबर सही नहीं लगता। कृपया जाँचें या खाली छोड़ दें।

## सवाल
sym-question-count = सवाल { $number }
sym-answer-yes = हाँ
sym-answer-no = नहीं
sym-answer-unknown = पता नहीं
sym-reason-red_flag_screening = यह हम पहले पूछते हैं क्योंकि यह ख़तरे का संकेत हो सकता है।
sym-reason-most_informative = इससे संभावित कारणों में फ़र्क करने में मदद मिलती है।
sym-back = पीछे
sym-show-result = अभी नतीजा दिखाएँ

## नतीजा: कितनी जल्दी
sym-result-title = क्या करें
sym-level-emergency = इमरजेंसी
sym-level-emergency-explain = अभी 108 (एम्बुलेंस) या 112 पर फ़ोन करें, या तुरंत नज़दीकी अस्पताल जाएँ।
sym-level-urgent = जल्दी दिखाएँ
sym-level-urgent-explain = 24 घंटे के अंदर डॉक्टर को दिखाएँ, हो सके तो आज ही।
sym-level-see_doctor = डॉक्टर को दिखाएँ
sym-level-see_doctor-explain = अगले कुछ दिनों में डॉक्टर को दिखाएँ या स्वास्थ्य केंद्र जाएँ।
sym-level-self_care = घर पर देखभाल
sym-level-self_care-explain = आमतौर पर इसकी देखभाल घर पर हो सकती है। तकलीफ़ बढ़े, कुछ दिनों में आराम न हो, या नए लक्षण आएँ तो डॉक्टर को दिखाएँ।
sym-call-108 = 108 पर फ़ोन करें (एम्बुलेंस)
sym-call-112 = 112 पर फ़ोन करें (इमरजेंसी)
sym-offline-check = ऑफ़लाइन जाँच: इंटरनेट के बिना इसी फ़ोन पर हुई, ऑनलाइन जैसे ही नियमों से।

## नतीजा: विवरण
sym-red-flags = ख़तरे के संकेत जो हमें दिखे
sym-source = आधार: { $source }
sym-conditions = संभावित कारण
sym-conditions-hint = ये डॉक्टर से बात करने के लिए संभावनाएँ हैं, निदान नहीं।
sym-probability = लगभग { $percent } % संभावना
sym-for = इसके पक्ष में
sym-against = इसके विरोध में
sym-advice = सलाह
sym-understood = हमने क्या समझा
sym-understood-yes = हाँ: { $finding }
sym-understood-no = नहीं: { $finding }
sym-understood-fix = सही नहीं है? फिर से शुरू करें और अलग तरह से बताइए।

## संकट (आत्महत्या या ख़ुद को चोट पहुँचाने के विचार)
sym-crisis-title = आप अकेले नहीं हैं
sym-crisis-body = अगर आपके मन में अपनी जान लेने या ख़ुद को चोट पहुँचाने का विचार है, तो कृपया अभी किसी से बात करें। प्रशिक्षित सलाहकार आपकी भाषा में, दिन-रात सुनते हैं।
sym-call-tele-manas = टेली-मानस 14416 पर फ़ोन करें
sym-call-tele-manas-toll-free = 1-800-891-4416 पर फ़ोन करें (मुफ़्त)

## काम
sym-save = मेरे रिकॉर्ड में सहेजें
sym-saving = सहेज रहे हैं…
sym-saved = आपके स्वास्थ्य रिकॉर्ड में सहेज लिया गया।
sym-save-offline = यह जाँच रिकॉर्ड में सहेजने के लिए इंटरनेट से जुड़ें।
sym-start-over = फिर से शुरू करें

## समस्याएँ
sym-error-missing_age = कृपया उम्र लिखें (साल में, या छोटे बच्चे के लिए महीनों में)।
sym-error-invalid_age = कृपया 0 से 120 साल के बीच की उम्र लिखें।
sym-error-text_too_long = विवरण बहुत लंबा है। कृपया छोटा करें।
sym-error-too_many_answers = बहुत ज़्यादा जवाब। कृपया फिर से शुरू करें।
sym-error-vital_out_of_range = कोई माप सही नहीं लगता। कृपया जाँचें।
sym-error-invalid_answer = यह जवाब सवाल से मेल नहीं खाता। कृपया फिर से शुरू करें।
sym-error-engine = जाँच इस फ़ोन पर नहीं चल सकी। तबियत ठीक न लगे तो डॉक्टर को दिखाएँ या 108 पर फ़ोन करें।
