//! Free-text understanding in English, Hindi (Devanagari) and romanised Hindi:
//! lay terms, body sites, negation, severity and duration.

mod common;

use common::{absent, adult, present};

fn has(text: &str, finding: &str) -> bool {
    present(&adult(text).run()).iter().any(|f| f == finding)
}

fn denies(text: &str, finding: &str) -> bool {
    absent(&adult(text).run()).iter().any(|f| f == finding)
}

#[test]
fn english_negation_denies_the_finding() {
    assert!(denies("no fever", "fever"));
    assert!(denies("I am not vomiting", "vomiting"));
    assert!(denies("there is no cough or cold", "cough"));
    assert!(denies("denies chest pain", "chest_pain"));
    assert!(denies("without any headache", "headache"));
}

#[test]
fn hindi_negation_denies_the_finding() {
    assert!(denies("बुखार नहीं है", "fever"));
    assert!(denies("उल्टी नहीं हो रही", "vomiting"));
    assert!(denies("सिर में दर्द नहीं है", "headache"));
    assert!(denies("ना बुखार ना खांसी", "cough"));
}

#[test]
fn romanised_hindi_negation_denies_the_finding() {
    assert!(denies("bukhar nahi hai", "fever"));
    assert!(denies("koi ulti nahi", "vomiting"));
    assert!(denies("bukhaar nhi", "fever"));
    assert!(denies("pet mein dard nahi", "abdominal_pain"));
}

#[test]
fn negation_stops_at_but_lekin_and_punctuation() {
    let cases = [
        ("no fever but cough since yesterday", "cough", "fever"),
        ("bukhar hai lekin khansi nahi", "fever", "cough"),
        ("बुखार है पर खांसी नहीं", "fever", "cough"),
        (
            "no vomiting, loose motions since morning",
            "diarrhoea",
            "vomiting",
        ),
        ("bukhar hai aur khansi nahi", "fever", "cough"),
    ];
    for (text, kept, denied) in cases {
        assert!(has(text, kept), "{text}: {kept} should be present");
        assert!(denies(text, denied), "{text}: {denied} should be denied");
    }
}

#[test]
fn negation_words_inside_a_symptom_phrase_are_not_negation() {
    assert!(has("my child is not able to drink", "unable_to_drink"));
    assert!(has("doodh nahi pee raha", "unable_to_drink"));
    assert!(has("भूख नहीं लगती", "loss_of_appetite"));
    assert!(has("neend nahi aati", "sleep_problem"));
    assert!(has("I can't breathe", "severe_breathlessness"));
}

#[test]
fn pseudo_negations_do_not_deny_anything() {
    assert!(has("fever not going down for 5 days", "fever"));
    assert!(has("dast ruk nahi rahe", "diarrhoea"));
    assert!(has("cough, no relief with syrup", "cough"));
    assert!(has("बुखार उतर गया पर जोड़ों में दर्द", "fever"));
}

#[test]
fn hindi_lay_terms_are_recognised() {
    for (text, finding) in [
        ("सीने में दर्द", "chest_pain"),
        ("पेट दर्द", "abdominal_pain"),
        ("सांस फूलना", "breathlessness"),
        ("चक्कर आते हैं", "dizziness"),
        ("पेशाब में जलन", "painful_urination"),
        ("दस्त हो रहे हैं", "diarrhoea"),
        ("ज़्यादा खांसी", "cough"),
        ("आंखें पीली हो गई हैं", "jaundice"),
        ("छाती में भारीपन", "chest_pain"),
    ] {
        assert!(has(text, finding), "{text} → {finding}");
    }
}

#[test]
fn romanised_hindi_lay_terms_are_recognised_in_common_spellings() {
    for (text, finding) in [
        ("pet dard", "abdominal_pain"),
        ("pet mein dard", "abdominal_pain"),
        ("saans phoolna", "breathlessness"),
        ("sans phool rahi hai", "breathlessness"),
        ("chakkar aa rahe hain", "dizziness"),
        ("loose motion", "diarrhoea"),
        ("bukhaar", "fever"),
        ("bhukhar", "fever"),
        ("ulty ho rahi hai", "vomiting"),
        ("seene mein dard", "chest_pain"),
        ("zukaam", "runny_nose"),
        ("peshaab mein jalan", "painful_urination"),
    ] {
        assert!(has(text, finding), "{text} → {finding}");
    }
}

#[test]
fn english_lay_terms_and_body_sites_are_recognised() {
    for (text, finding) in [
        ("my chest is heavy", "chest_pain"),
        ("pain in my chest", "chest_pain"),
        ("tummy ache", "abdominal_pain"),
        ("burning while passing urine", "painful_urination"),
        ("loose motions", "diarrhoea"),
        ("throwing up", "vomiting"),
        ("feeling giddy", "dizziness"),
        ("pain going to my left arm", "chest_pain_radiating"),
        (
            "pain in the lower right side of my belly",
            "right_lower_abdominal_pain",
        ),
    ] {
        assert!(has(text, finding), "{text} → {finding}");
    }
}

#[test]
fn severity_words_give_the_severe_form_but_not_before_a_time_unit() {
    assert!(has("bahut tez bukhar", "high_fever"));
    assert!(has("severe headache", "severe_headache"));
    assert!(has("पेट में बहुत तेज दर्द", "severe_abdominal_pain"));
    assert!(!has("bahut dino se sir dard", "severe_headache"));
    assert!(!has("mild fever", "high_fever"));
}

#[test]
fn durations_are_read_in_all_three_languages() {
    let days = |text: &str| adult(text).run().duration_days;
    assert_eq!(days("fever for 3 days"), Some(3.0));
    assert_eq!(days("cough since two weeks"), Some(14.0));
    assert_eq!(days("तीन हफ्ते से खांसी"), Some(21.0));
    assert_eq!(days("3 din se bukhar"), Some(3.0));
    assert_eq!(days("ek mahine se thakan"), Some(30.0));
    assert_eq!(days("fever since yesterday"), Some(1.0));
}

#[test]
fn ages_times_in_the_past_and_frequencies_are_not_durations() {
    let days = |text: &str| adult(text).run().duration_days;
    assert_eq!(days("walked in flood water 2 weeks ago, now fever"), None);
    assert_eq!(days("6 mahine ka baccha hai, dast"), None);
    assert_eq!(days("I am 8 months pregnant, headache"), None);
    assert_eq!(days("stools only every 3 days"), None);
}

#[test]
fn readings_in_the_text_count_as_vitals() {
    let output = adult("bp 200/125 with headache").run();
    assert!(
        common::fired(&output)
            .iter()
            .any(|f| f == "bp_crisis_systolic_with_symptoms")
    );
    let output = adult("fever 104 since morning").run();
    assert!(present(&output).iter().any(|f| f == "high_fever"));
}

#[test]
fn sms_style_contractions_without_apostrophes_still_work() {
    assert!(denies("i dont have fever", "fever"));
    assert!(has("i cant stop vomiting", "vomiting"));
}

#[test]
fn a_finding_denied_and_affirmed_counts_as_present() {
    assert!(has("no fever yesterday, today fever", "fever"));
}
