# API त्रुटि कोड के संदेश (`{"error": {"code": …}}`), जो ऐप दिखाता है।
# crates/mysehat/src/error.rs के हर कोड का संदेश यहाँ और en/errors.ftl में है।

error-invalid_request = अनुरोध पढ़ा नहीं जा सका। कृपया जाँचकर फिर से कोशिश करें।
error-malformed_json = अनुरोध पढ़ा नहीं जा सका। कृपया फिर से कोशिश करें।
error-unsupported_media_type = अनुरोध ऐसे रूप में भेजा गया जिसे सर्वर स्वीकार नहीं करता।
error-validation_failed = कुछ जानकारी छूटी है या गलत है। कृपया चिह्नित जगह जाँचें।
error-invalid_phone = कृपया 10 अंकों का सही मोबाइल नंबर लिखें।
error-invalid_name = कृपया अपना नाम लिखें (100 अक्षरों तक)।
error-weak_password = पासवर्ड में कम से कम 8 अक्षर होने चाहिए।
error-invalid_role = यह भूमिका मौजूद नहीं है।
error-missing_affiliation = कर्मचारी खाते के लिए अस्पताल या क्षेत्र ज़रूरी है।
error-phone_taken = इस मोबाइल नंबर से पहले से खाता बना है। कृपया लॉग इन करें।
error-invalid_credentials = मोबाइल नंबर या पासवर्ड गलत है।
error-invalid_token = आपका सत्र समाप्त हो गया है। कृपया फिर से लॉग इन करें।
error-too_many_attempts = बहुत बार गलत कोशिश हुई। कृपया थोड़ा रुककर फिर से कोशिश करें।
error-unauthorized = आगे बढ़ने के लिए कृपया लॉग इन करें।
error-forbidden = आपके खाते को यह करने की अनुमति नहीं है।
error-not_found = आपने जो माँगा वह हमें नहीं मिला।
error-method_not_allowed = यहाँ यह काम संभव नहीं है।
error-payload_too_large = आपने जो भेजा वह बहुत बड़ा है।
error-timeout = सर्वर ने जवाब देने में बहुत देर की। कृपया फिर से कोशिश करें।
error-not_implemented = MySehat का यह हिस्सा जल्द आ रहा है।
error-internal = हमारी ओर से कुछ गड़बड़ हुई। कृपया फिर से कोशिश करें।
error-service_unavailable = MySehat अभी उपलब्ध नहीं है। कृपया थोड़ी देर में कोशिश करें।
error-conflict = किसी और ने इसे पहले बदल दिया। अब की स्थिति यह है।
error-invalid_transition = इस चरण पर यह कदम संभव नहीं है।
