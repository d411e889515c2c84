//! Every red-flag rule fires on its trigger, in English and in Hindi where the lexicon has the words,
//! and the answer is at least the rule's minimum and never self care.

mod common;

use common::{Ask, adult, baby_months, person, woman};
use mysehat_triage::kb::knowledge_base;
use mysehat_triage::{Sex, Triage, Vitals};
use std::collections::BTreeSet;

struct Trigger {
    rule: &'static str,
    english: Ask,
    hindi: Option<Ask>,
}

fn t(rule: &'static str, english: Ask, hindi: Option<Ask>) -> Trigger {
    Trigger {
        rule,
        english,
        hindi,
    }
}

fn child(text: &str) -> Ask {
    person(2.0, Sex::Male, text)
}

fn elder(text: &str) -> Ask {
    person(65.0, Sex::Female, text)
}

fn with(vitals: Vitals, ask: Ask) -> Ask {
    ask.vitals(vitals)
}

#[rustfmt::skip]
fn triggers() -> Vec<Trigger> {
    let v = Vitals::default;
    vec![
        t("imci_unable_to_drink", child("my child is not able to drink anything"), Some(child("बच्चा कुछ भी नहीं पी पा रहा"))),
        t("imci_vomits_everything", child("he vomits everything he drinks"), Some(child("बच्चा सब कुछ उल्टी कर देता है"))),
        t("imci_convulsions", child("she had a fit this morning"), Some(child("बच्चे को दौरा पड़ा"))),
        t("imci_lethargic", child("the child is very drowsy"), Some(child("बच्चा बहुत सुस्त है"))),
        t("young_infant_danger_sign", baby_months(1.0, "baby has fever"), Some(baby_months(1.0, "बच्चे को बुखार है"))),
        t("young_infant_jaundice", baby_months(1.0, "baby's eyes are yellow"), Some(baby_months(1.0, "बच्चे को पीलिया है"))),
        t("young_infant_umbilical_infection", baby_months(1.0, "the navel is red with pus"), Some(baby_months(1.0, "नाभि लाल है"))),
        t("infant_fever_under_3_months", with(Vitals { temperature_c: Some(38.2), ..v() }, baby_months(2.5, "baby feels warm")), None),
        t("infant_temperature_40", with(Vitals { temperature_c: Some(40.2), ..v() }, baby_months(8.0, "fever")), None),
        t("child_chest_indrawing_or_stridor", child("his chest is pulling in with every breath"), Some(child("पसली चल रही है"))),
        t("child_fast_breathing", child("cough and breathing fast"), Some(child("खांसी और तेज सांस"))),
        t("dehydration_signs", adult("loose motions and sunken eyes"), Some(adult("दस्त और आंखें धंसी हुई"))),
        t("dysentery", adult("diarrhoea with blood"), Some(adult("खूनी दस्त हो रहे हैं"))),
        t("child_persistent_fever", child("fever for 10 days"), Some(child("दस दिन से बुखार"))),
        t("young_child_fever", child("fever since yesterday"), Some(child("कल से बुखार है"))),
        t("severe_malnutrition", child("very thin child, ribs showing"), Some(child("बच्चा बहुत दुबला है, पसलियां दिख रही हैं"))),
        t("convulsions", adult("he had a seizure"), Some(adult("उसे दौरा पड़ा"))),
        t("unconscious_or_lethargic", adult("he is unconscious"), Some(adult("वह बेहोश है"))),
        t("new_confusion", elder("she is confused since morning"), Some(elder("सुबह से बहकी बातें कर रही है"))),
        t("stroke_befast", elder("his face is drooping"), Some(elder("चेहरा टेढ़ा हो गया"))),
        t("stroke_balance", elder("sudden loss of balance and dizziness"), Some(elder("अचानक संतुलन बिगड़ गया और चक्कर आ रहे हैं"))),
        t("loss_of_balance", elder("losing balance while walking"), Some(elder("चलने में लड़खड़ा रहे हैं"))),
        t("thunderclap_headache", adult("worst headache of my life"), Some(adult("जिंदगी का सबसे तेज सिरदर्द"))),
        t("sudden_severe_headache", adult("sudden severe headache"), Some(adult("अचानक बहुत तेज सिरदर्द"))),
        t("meningitis_signs", adult("fever and stiff neck"), Some(adult("बुखार और गर्दन अकड़ गई है"))),
        t("chest_pain_cardiac_features", person(50.0, Sex::Male, "chest pain with sweating"), Some(person(50.0, Sex::Male, "सीने में दर्द और पसीना"))),
        t("chest_pain_with_risk_factors", person(55.0, Sex::Male, "chest pain, I have diabetes"), Some(person(55.0, Sex::Male, "सीने में दर्द, शुगर है"))),
        t("chest_pain_adult", person(25.0, Sex::Male, "chest pain"), Some(person(25.0, Sex::Male, "सीने में दर्द"))),
        t("severe_breathing_difficulty", adult("I can't breathe"), Some(adult("सांस नहीं ले पा रहा"))),
        t("low_oxygen", with(Vitals { spo2_percent: Some(92.0), ..v() }, adult("cough")), None),
        t("breathlessness", adult("short of breath"), Some(adult("सांस फूलती है"))),
        t("adult_vital_signs_red", with(Vitals { pulse_bpm: Some(140.0), ..v() }, adult("palpitations")), None),
        t("qsofa", with(Vitals { respiratory_rate: Some(23.0), systolic_bp: Some(95.0), ..v() }, adult("fever")), None),
        t("very_high_temperature", with(Vitals { temperature_c: Some(41.2), ..v() }, adult("fever")), None),
        t("high_temperature", with(Vitals { temperature_c: Some(40.3), ..v() }, adult("fever")), None),
        t("prolonged_fever", adult("fever for 10 days"), Some(adult("दस दिन से बुखार"))),
        t("dengue_bleeding", adult("fever and bleeding gums"), Some(adult("बुखार और मसूड़ों से खून"))),
        t("dengue_persistent_vomiting", adult("fever and vomiting everything"), Some(adult("बुखार और लगातार उल्टी"))),
        t("dengue_severe_abdominal_pain", adult("fever and severe stomach pain"), Some(adult("बुखार और पेट में बहुत तेज दर्द"))),
        t("pregnancy_bleeding", woman(25.0, "bleeding from vagina").pregnant(), Some(woman(25.0, "योनि से खून आ रहा है").pregnant())),
        t("pregnancy_convulsions", woman(25.0, "I am pregnant and had a fit"), Some(woman(25.0, "गर्भवती हूं, दौरा पड़ा"))),
        t("pregnancy_headache_blurred_vision", woman(25.0, "headache and blurred vision").pregnant(), Some(woman(25.0, "सिरदर्द और धुंधला दिखना").pregnant())),
        t("pregnancy_reduced_fetal_movement", woman(25.0, "baby not moving").pregnant(), Some(woman(25.0, "बच्चा हिल नहीं रहा").pregnant())),
        t("pregnancy_severe_abdominal_pain", woman(25.0, "severe stomach pain").pregnant(), Some(woman(25.0, "पेट में बहुत तेज दर्द").pregnant())),
        t("pregnancy_severe_headache_or_vision", woman(25.0, "blurred vision").pregnant(), Some(woman(25.0, "धुंधला दिखता है").pregnant())),
        t("pregnancy_fever", woman(25.0, "fever").pregnant(), Some(woman(25.0, "बुखार है").pregnant())),
        t("pregnancy_swelling", woman(25.0, "swollen hands").pregnant(), Some(woman(25.0, "हाथों में सूजन").pregnant())),
        t("pregnancy_vomiting_everything", woman(25.0, "vomiting everything").pregnant(), Some(woman(25.0, "कुछ भी नहीं टिकता").pregnant())),
        t("pregnancy_high_bp", with(Vitals { systolic_bp: Some(145.0), diastolic_bp: Some(92.0), ..v() }, woman(25.0, "tired").pregnant()), None),
        t("pregnancy_severe_high_bp", with(Vitals { systolic_bp: Some(165.0), diastolic_bp: Some(112.0), ..v() }, woman(25.0, "tired").pregnant()), None),
        t("possible_ectopic_pregnancy", woman(25.0, "missed my period, stomach pain and spotting"), Some(woman(25.0, "माहवारी नहीं आई, पेट दर्द और योनि से खून"))),
        t("early_pregnancy_bleeding", woman(25.0, "missed period and spotting"), Some(woman(25.0, "पीरियड नहीं आया और योनि से खून"))),
        t("poisoning", adult("he drank poison"), Some(adult("जहर खा लिया"))),
        t("snake_bite", adult("a snake bit him"), Some(adult("सांप ने काटा"))),
        t("scorpion_sting_child", person(10.0, Sex::Male, "stung by a scorpion"), Some(person(10.0, Sex::Male, "बिच्छू ने काटा"))),
        t("scorpion_sting_systemic", adult("scorpion sting, sweating a lot"), Some(adult("बिच्छू का डंक, बहुत पसीना"))),
        t("scorpion_sting", adult("scorpion sting"), Some(adult("बिच्छू का डंक"))),
        t("animal_bite", adult("a dog bit me"), Some(adult("कुत्ते ने काट लिया"))),
        t("suicide_plan_or_attempt", adult("I tried to kill myself"), Some(adult("आत्महत्या की कोशिश की"))),
        t("suicidal_thoughts", adult("I want to die"), Some(adult("मैं मरना चाहता हूं"))),
        t("anaphylaxis_swelling", adult("lips swollen and breathless"), Some(adult("होंठ सूज गए और सांस फूल रही है"))),
        t("anaphylaxis_hives", adult("hives and wheezing"), Some(adult("पित्ती और सांस में सीटी"))),
        t("lip_face_swelling", adult("my lips are swollen"), Some(adult("होंठ सूज गए"))),
        t("gi_bleeding", adult("vomiting blood"), Some(adult("खून की उल्टी"))),
        t("rectal_bleeding", adult("blood in stool"), Some(adult("मल में खून"))),
        t("coughing_blood", adult("coughing up blood"), Some(adult("खांसी में खून"))),
        t("cough_over_2_weeks", adult("cough for 3 weeks"), Some(adult("तीन हफ्ते से खांसी"))),
        t("severe_abdominal_pain", adult("severe stomach pain"), Some(adult("पेट में बहुत तेज दर्द"))),
        t("reduced_urine", adult("passing very little urine"), Some(adult("पेशाब बहुत कम आ रहा है"))),
        t("red_painful_eye", adult("red eye with pain"), Some(adult("आंख लाल है और दर्द है"))),
        t("fainting_with_heart_symptoms", adult("fainted with chest pain"), Some(adult("बेहोशी और सीने में दर्द"))),
        t("jaundice_with_bleeding_or_drowsiness", adult("jaundice and very drowsy"), Some(adult("पीलिया और बहुत सुस्त"))),
        t("jaundice", adult("jaundice"), Some(adult("पीलिया है"))),
        t("bp_crisis_systolic_with_symptoms", with(Vitals { systolic_bp: Some(190.0), diastolic_bp: Some(100.0), ..v() }, adult("headache")), None),
        t("bp_crisis_diastolic_with_symptoms", with(Vitals { systolic_bp: Some(170.0), diastolic_bp: Some(125.0), ..v() }, adult("headache")), None),
        t("bp_crisis", with(Vitals { systolic_bp: Some(185.0), diastolic_bp: Some(100.0), ..v() }, adult("routine check")), Some(adult("बीपी 185/100 है"))),
        t("very_low_blood_sugar", with(Vitals { blood_glucose_mg_dl: Some(45.0), ..v() }, adult("diabetic")), Some(adult("शुगर 45 है"))),
        t("low_blood_sugar", with(Vitals { blood_glucose_mg_dl: Some(65.0), ..v() }, adult("diabetic")), None),
        t("very_high_blood_sugar", with(Vitals { blood_glucose_mg_dl: Some(450.0), ..v() }, adult("diabetic")), None),
        t("high_sugar_with_ketoacidosis_signs", with(Vitals { blood_glucose_mg_dl: Some(300.0), ..v() }, adult("vomiting")), None),
        t("diabetic_with_vomiting", adult("diabetic, vomiting and stomach pain"), Some(adult("शुगर है, उल्टी और पेट दर्द"))),
        t("diabetic_low_sugar_symptoms", adult("diabetic, sweating and shaking"), Some(adult("शुगर है, पसीना और हाथ कांप रहे हैं"))),
        t("heat_stroke", adult("worked in the sun, now confused"), Some(adult("धूप में काम किया, अब बहकी बातें कर रहा है"))),
        t("heat_illness", adult("worked in the sun, now dizzy"), Some(adult("धूप में काम के बाद चक्कर"))),
        t("head_injury_red_flags", adult("head injury and vomiting"), Some(adult("सिर में चोट और उल्टी"))),
        t("head_injury", adult("head injury"), Some(adult("सिर में चोट लगी"))),
        t("possible_pulmonary_embolism", adult("calf swollen and painful, now breathless"), Some(adult("पिंडली में दर्द और सूजन, सांस फूल रही है"))),
        t("possible_dvt", adult("my calf is swollen and painful"), Some(adult("पिंडली में सूजन और दर्द"))),
        t("burn", adult("burnt my hand"), Some(adult("हाथ जल गया"))),
        t("possible_fracture", adult("arm is bent after a fall"), Some(adult("हड्डी टूट गई"))),
        t("spreading_skin_infection_with_fever", adult("leg is red hot swollen and fever"), Some(adult("पैर लाल और सूजा है, बुखार भी"))),
    ]
}

/// Problems with one trigger, if any.
fn check(rule: &str, ask: &Ask, language: &str) -> Option<String> {
    let output = ask.run();
    let fired = common::fired(&output);
    if !fired.iter().any(|f| f == rule) {
        return Some(format!(
            "{rule} ({language}) did not fire for {:?}; fired {fired:?}; understood {:?}",
            ask.0.text,
            common::present(&output)
        ));
    }
    let kb = knowledge_base().expect("knowledge base");
    let minimum = kb
        .rules()
        .iter()
        .find(|r| r.id().as_str() == rule)
        .map(|r| r.min_triage())
        .expect("rule exists");
    if output.triage < minimum || output.triage == Triage::SelfCare {
        return Some(format!(
            "{rule} ({language}): triage {:?} below minimum {minimum:?}",
            output.triage
        ));
    }
    None
}

fn assert_all(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} trigger(s) failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_red_flag_rule_fires_on_its_english_trigger() {
    assert_all(
        triggers()
            .iter()
            .filter_map(|t| check(t.rule, &t.english, "English"))
            .collect(),
    );
}

#[test]
fn every_red_flag_rule_with_hindi_words_fires_on_its_hindi_trigger() {
    assert_all(
        triggers()
            .iter()
            .filter_map(|t| {
                t.hindi
                    .as_ref()
                    .and_then(|hindi| check(t.rule, &hindi.clone().hindi(), "Hindi"))
            })
            .collect(),
    );
}

#[test]
fn every_red_flag_rule_in_the_knowledge_base_has_a_trigger_test() {
    let kb = knowledge_base().expect("knowledge base");
    let tested: BTreeSet<&str> = triggers().iter().map(|t| t.rule).collect();
    let missing: Vec<&str> = kb
        .rules()
        .iter()
        .map(|r| r.id().as_str())
        .filter(|id| !tested.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a trigger test: {missing:?}"
    );
    assert_eq!(tested.len(), triggers().len(), "a rule is listed twice");
}

#[test]
fn chest_pain_with_sweating_is_an_emergency() {
    let output = person(
        52.0,
        Sex::Male,
        "chest pain since an hour and sweating a lot",
    )
    .run();
    assert_eq!(output.triage, Triage::Emergency);
    assert!(output.helplines.iter().any(|h| h.number == "108"));
}

#[test]
fn suicidal_thoughts_start_the_crisis_flow_with_tele_manas_and_112() {
    for text in [
        "I don't want to live anymore",
        "mujhe jeene ka mann nahi karta",
        "मैं आत्महत्या करना चाहता हूं",
    ] {
        let output = adult(text).run();
        assert!(output.crisis, "{text}");
        let numbers: Vec<&str> = output.helplines.iter().map(|h| h.number.as_str()).collect();
        assert!(
            numbers.contains(&"14416") && numbers.contains(&"112"),
            "{text}: {numbers:?}"
        );
        assert!(output.triage >= Triage::Urgent, "{text}");
    }
}

#[test]
fn spo2_below_90_is_an_emergency_even_without_words() {
    let output = adult("feeling a bit unwell")
        .vitals(Vitals {
            spo2_percent: Some(86.0),
            ..Vitals::default()
        })
        .run();
    assert_eq!(output.triage, Triage::Emergency);
}

#[test]
fn qsofa_alone_never_lowers_an_emergency() {
    let output = adult("he is unconscious")
        .vitals(Vitals {
            respiratory_rate: Some(16.0),
            systolic_bp: Some(130.0),
            ..Vitals::default()
        })
        .run();
    assert_eq!(output.triage, Triage::Emergency);
}
