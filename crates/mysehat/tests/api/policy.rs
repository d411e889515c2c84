//! The route/role matrix: every rule of the policy table, tried by every role and by an
//! anonymous caller, gets exactly the access the table says.

use crate::util::TestApp;
use axum::http::{Method, StatusCode};
use mysehat::policy::{Access, POLICY, rule_for};
use mysehat_domain::Role;
use serde_json::json;

#[tokio::test]
async fn every_role_gets_exactly_the_access_the_policy_table_says() {
    let app = TestApp::new().await;
    let mut tokens = Vec::new();
    for role in Role::ALL {
        let (id, token) = app.account(role).await;
        tokens.push((Some(role), Some(token), id));
    }
    let some_user = tokens[0].2.clone();
    tokens.push((None, None, String::new()));

    let mut checked = 0;
    for rule in POLICY {
        let method = rule.method.clone().unwrap_or(Method::GET);
        let path = rule
            .route
            .replace("{id}", &some_user)
            .replace("{*rest}", "anything");
        for (role, token, _) in &tokens {
            let body = (method == Method::POST).then(|| json!({}));
            let r = app
                .call(method.clone(), &path, token.as_deref(), body)
                .await;
            let expected = match (rule.access, role) {
                (Access::Public, _) => None,
                (_, None) => Some(StatusCode::UNAUTHORIZED),
                (Access::SignedIn, Some(_)) => None,
                (Access::Roles(allowed), Some(r)) if allowed.contains(r) => None,
                (Access::Roles(_), Some(_)) => Some(StatusCode::FORBIDDEN),
            };
            let who = role.map_or("anonymous".to_owned(), |r| r.to_string());
            match expected {
                Some(status) => assert_eq!(r.status, status, "{who} {method} {path}: {}", r.text()),
                None => assert!(
                    r.status != StatusCode::UNAUTHORIZED && r.status != StatusCode::FORBIDDEN,
                    "{who} {method} {path} was refused: {} {}",
                    r.status,
                    r.text()
                ),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, POLICY.len() * (Role::ALL.len() + 1));
}

#[tokio::test]
async fn every_documented_operation_has_a_policy_rule() {
    let doc = serde_json::to_value(mysehat::app::openapi()).expect("serialisable");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(!paths.is_empty());
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            let method: Method = method.to_uppercase().parse().expect("an HTTP method");
            assert!(
                rule_for(&method, path).is_some(),
                "{method} {path} has no rule in the policy table"
            );
        }
    }
}

#[tokio::test]
async fn an_expired_or_forged_token_is_refused_as_invalid() {
    let app = TestApp::new().await;
    let r = app
        .get("/auth/me", Some("eyJhbGciOiJIUzI1NiJ9.e30.forged"))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "invalid_token");
    let r = app.get("/auth/me", None).await;
    assert_eq!(r.error_code(), "unauthorized");
}

#[tokio::test]
async fn a_wrong_method_is_405_with_the_allowed_methods() {
    let app = TestApp::new().await;
    let r = app.get("/auth/login", None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.error_code(), "method_not_allowed");
    assert_eq!(r.headers["allow"], "POST");
}

#[test]
fn operation_ids_are_unique_so_the_typed_client_compiles() {
    let doc = serde_json::to_value(mysehat::app::openapi()).expect("serialisable");
    let mut seen = std::collections::BTreeSet::new();
    for operations in doc["paths"].as_object().expect("paths").values() {
        for op in operations.as_object().expect("operations").values() {
            let id = op["operationId"]
                .as_str()
                .expect("every operation has an id");
            assert!(seen.insert(id.to_owned()), "operationId {id} is used twice");
        }
    }
}
