//! Which FHIR interaction a request is: the REST API's URL grammar
//! (http://hl7.org/fhir/R4/http.html) parsed once, so handlers receive a typed interaction.

use axum::http::Method;

/// A FHIR RESTful interaction with its path parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interaction {
    Capabilities,
    /// `POST /fhir` with a batch or transaction Bundle.
    Bundle,
    HistorySystem,
    SearchSystem,
    HistoryType {
        ty: String,
    },
    Create {
        ty: String,
    },
    Search {
        ty: String,
    },
    ConditionalUpdate {
        ty: String,
    },
    ConditionalDelete {
        ty: String,
    },
    Validate {
        ty: String,
        id: Option<String>,
    },
    Read {
        ty: String,
        id: String,
    },
    Update {
        ty: String,
        id: String,
    },
    Patch {
        ty: String,
        id: String,
    },
    Delete {
        ty: String,
        id: String,
    },
    HistoryInstance {
        ty: String,
        id: String,
    },
    Vread {
        ty: String,
        id: String,
        version: String,
    },
    Everything {
        id: String,
    },
    Compartment {
        id: String,
        ty: String,
    },
}

/// Why a path is not a FHIR interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// No such resource type.
    UnknownType(String),
    /// The path is known but not with this method.
    MethodNotAllowed(&'static str),
    NotFound,
}

/// Parses the part of the path after `/fhir`.
pub fn parse(
    method: &Method,
    rest: &str,
    is_type: impl Fn(&str) -> bool,
) -> Result<Interaction, RouteError> {
    let parts: Vec<&str> = rest
        .trim_matches('/')
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let m = method.as_str();
    let check_type = |ty: &str| {
        if is_type(ty) {
            Ok(ty.to_owned())
        } else {
            Err(RouteError::UnknownType(ty.to_owned()))
        }
    };
    use Interaction::*;
    match parts.as_slice() {
        [] => match m {
            "POST" => Ok(Bundle),
            "GET" => Ok(SearchSystem),
            _ => Err(RouteError::MethodNotAllowed("GET, POST")),
        },
        ["metadata"] => only(m, "GET", Capabilities),
        ["_history"] => only(m, "GET", HistorySystem),
        ["_search"] => only(m, "POST", SearchSystem),
        [ty] => {
            let ty = check_type(ty)?;
            match m {
                "GET" => Ok(Search { ty }),
                "POST" => Ok(Create { ty }),
                "PUT" => Ok(ConditionalUpdate { ty }),
                "DELETE" => Ok(ConditionalDelete { ty }),
                _ => Err(RouteError::MethodNotAllowed("GET, POST, PUT, DELETE")),
            }
        }
        [ty, "_search"] => {
            let ty = check_type(ty)?;
            only(m, "POST", Search { ty })
        }
        [ty, "_history"] => {
            let ty = check_type(ty)?;
            only(m, "GET", HistoryType { ty })
        }
        [ty, "$validate"] => {
            let ty = check_type(ty)?;
            only(m, "POST", Validate { ty, id: None })
        }
        [ty, id] => {
            let ty = check_type(ty)?;
            let id = (*id).to_owned();
            match m {
                "GET" => Ok(Read { ty, id }),
                "PUT" => Ok(Update { ty, id }),
                "PATCH" => Ok(Patch { ty, id }),
                "DELETE" => Ok(Delete { ty, id }),
                _ => Err(RouteError::MethodNotAllowed("GET, PUT, PATCH, DELETE")),
            }
        }
        [ty, id, "_history"] => {
            let (ty, id) = (check_type(ty)?, (*id).to_owned());
            only(m, "GET", HistoryInstance { ty, id })
        }
        [ty, id, "$validate"] => {
            let (ty, id) = (check_type(ty)?, Some((*id).to_owned()));
            only(m, "POST", Validate { ty, id })
        }
        ["Patient", id, "$everything"] => only(
            m,
            "GET",
            Everything {
                id: (*id).to_owned(),
            },
        ),
        ["Patient", id, ty] => {
            let ty = check_type(ty)?;
            only(
                m,
                "GET",
                Compartment {
                    id: (*id).to_owned(),
                    ty,
                },
            )
        }
        [ty, id, "_history", version] => {
            let ty = check_type(ty)?;
            only(
                m,
                "GET",
                Vread {
                    ty,
                    id: (*id).to_owned(),
                    version: (*version).to_owned(),
                },
            )
        }
        _ => Err(RouteError::NotFound),
    }
}

fn only(
    method: &str,
    allowed: &'static str,
    interaction: Interaction,
) -> Result<Interaction, RouteError> {
    if method == allowed {
        Ok(interaction)
    } else {
        Err(RouteError::MethodNotAllowed(allowed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(method: Method, path: &str) -> Result<Interaction, RouteError> {
        parse(&method, path, |t| ["Patient", "Observation"].contains(&t))
    }

    #[test]
    fn every_interaction_of_the_rest_api_is_recognised() {
        use Interaction::*;
        let p = || "Patient".to_owned();
        assert_eq!(route(Method::GET, "/metadata"), Ok(Capabilities));
        assert_eq!(route(Method::POST, "/"), Ok(Bundle));
        assert_eq!(route(Method::GET, "/_history"), Ok(HistorySystem));
        assert_eq!(route(Method::POST, "/Patient"), Ok(Create { ty: p() }));
        assert_eq!(route(Method::GET, "/Patient"), Ok(Search { ty: p() }));
        assert_eq!(
            route(Method::POST, "/Patient/_search"),
            Ok(Search { ty: p() })
        );
        assert_eq!(
            route(Method::PUT, "/Patient"),
            Ok(ConditionalUpdate { ty: p() })
        );
        assert_eq!(
            route(Method::GET, "/Patient/_history"),
            Ok(HistoryType { ty: p() })
        );
        assert_eq!(
            route(Method::GET, "/Patient/1"),
            Ok(Read {
                ty: p(),
                id: "1".into()
            })
        );
        assert_eq!(
            route(Method::PUT, "/Patient/1"),
            Ok(Update {
                ty: p(),
                id: "1".into()
            })
        );
        assert_eq!(
            route(Method::PATCH, "/Patient/1"),
            Ok(Patch {
                ty: p(),
                id: "1".into()
            })
        );
        assert_eq!(
            route(Method::DELETE, "/Patient/1"),
            Ok(Delete {
                ty: p(),
                id: "1".into()
            })
        );
        assert_eq!(
            route(Method::GET, "/Patient/1/_history"),
            Ok(HistoryInstance {
                ty: p(),
                id: "1".into()
            })
        );
        assert_eq!(
            route(Method::GET, "/Patient/1/_history/2"),
            Ok(Vread {
                ty: p(),
                id: "1".into(),
                version: "2".into()
            })
        );
        assert_eq!(
            route(Method::GET, "/Patient/1/$everything"),
            Ok(Everything { id: "1".into() })
        );
        assert_eq!(
            route(Method::GET, "/Patient/1/Observation"),
            Ok(Compartment {
                id: "1".into(),
                ty: "Observation".into()
            })
        );
        assert_eq!(
            route(Method::POST, "/Observation/$validate"),
            Ok(Validate {
                ty: "Observation".into(),
                id: None
            })
        );
    }

    #[test]
    fn unknown_types_and_wrong_methods_are_told_apart() {
        assert_eq!(
            route(Method::GET, "/Patinet/1"),
            Err(RouteError::UnknownType("Patinet".into()))
        );
        assert_eq!(
            route(Method::POST, "/Patient/1"),
            Err(RouteError::MethodNotAllowed("GET, PUT, PATCH, DELETE"))
        );
        assert_eq!(
            route(Method::GET, "/Patient/1/_history/2/extra"),
            Err(RouteError::NotFound)
        );
    }
}
