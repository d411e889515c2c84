//! The generated tables answer what the REST layer asks: types, parameters, compartments.

use mysehat_fhir::{
    ParamKind, StepFilter, is_resource_type, param, params, patient_compartment_params,
    resource_type_info, resource_types,
};

#[test]
fn only_r4_resource_types_are_known() {
    assert!(is_resource_type("Patient"));
    assert!(is_resource_type("Observation"));
    assert!(!is_resource_type("patient"));
    assert!(!is_resource_type("Resource"));
    assert!(!is_resource_type("DomainResource"));
    assert!(!is_resource_type("HumanName"));
    assert_eq!(resource_types().len(), 146);
    assert!(resource_types().windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn resource_type_info_tells_conformance_from_clinical() {
    let vs = resource_type_info("ValueSet").map(|i| i.conformance);
    let obs = resource_type_info("Observation").map(|i| (i.conformance, i.domain_resource));
    let bundle = resource_type_info("Bundle").map(|i| i.domain_resource);
    let questionnaire = resource_type_info("Questionnaire").map(|i| i.definitional);
    assert_eq!(
        (vs, obs, bundle, questionnaire),
        (Some(true), Some((false, true)), Some(false), Some(true))
    );
}

#[test]
fn a_parameter_is_found_on_its_type_or_the_common_ones() {
    let code = param("Observation", "code").map(|p| (p.kind, p.resource_type.as_str()));
    assert_eq!(code, Some((ParamKind::Token, "Observation")));
    let id = param("Observation", "_id").map(|p| p.resource_type.as_str());
    assert_eq!(id, Some("Resource"));
    let text = param("Observation", "_text").map(|p| (p.resource_type.as_str(), p.supported));
    assert_eq!(text, Some(("DomainResource", false)));
    assert!(
        param("Bundle", "_text").is_none(),
        "Bundle is not a DomainResource"
    );
    assert!(param("Observation", "no-such").is_none());
    assert!(param("Nope", "_id").is_none());
}

#[test]
fn reference_parameters_know_their_targets_and_filters() {
    let Some(patient) = param("Observation", "patient") else {
        panic!("no Observation.patient")
    };
    assert!(
        patient.targets.iter().any(|t| t == "Patient"),
        "{:?}",
        patient.targets
    );
    assert_eq!(
        patient.paths[0].steps[0].filter,
        Some(StepFilter::TargetType("Patient".into()))
    );
}

#[test]
fn choice_elements_compile_to_each_json_name() {
    let date = param("Observation", "date").map(|p| {
        p.paths
            .iter()
            .map(|path| path.steps[0].name.clone())
            .collect::<Vec<_>>()
    });
    assert_eq!(
        date,
        Some(vec![
            "effectiveDateTime".to_owned(),
            "effectivePeriod".into(),
            "effectiveTiming".into(),
            "effectiveInstant".into(),
        ])
    );
}

#[test]
fn composite_parameters_are_recorded_but_not_supported() {
    let combo = param("Observation", "code-value-quantity");
    assert_eq!(
        combo.map(|p| (p.kind, p.supported, p.components.len())),
        Some((ParamKind::Composite, false, 2))
    );
}

#[test]
fn params_lists_own_then_common_parameters() {
    let codes: Vec<&str> = params("Patient").map(|p| p.code.as_str()).collect();
    assert!(codes.contains(&"name") && codes.contains(&"_id") && codes.contains(&"_text"));
    assert_eq!(params("Nope").count(), 0);
    let supported = params("Observation").filter(|p| p.supported).count();
    assert!(supported > 30, "{supported}");
}

#[test]
fn the_patient_compartment_names_the_linking_parameters() {
    assert_eq!(
        patient_compartment_params("Observation"),
        &["subject", "performer"]
    );
    assert_eq!(patient_compartment_params("Patient"), &["link"]);
    assert!(patient_compartment_params("Organization").is_empty());
    for ty in resource_types() {
        for code in patient_compartment_params(ty) {
            assert!(param(ty, code).is_some(), "{ty}.{code}");
        }
    }
}

#[test]
fn summary_elements_come_from_the_definitions() {
    use mysehat_fhir::{is_element, is_summary_element};
    assert!(is_summary_element("Patient", "name"));
    assert!(is_summary_element("Patient", "id"));
    assert!(is_summary_element("Observation", "valueQuantity"));
    assert!(!is_summary_element("Patient", "photo"));
    assert!(is_element("Patient", "photo"));
    assert!(!is_element("Patient", "valueQuantity"));
    assert!(!is_summary_element("Nope", "id"));
}
