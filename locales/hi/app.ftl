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
