//! Every (state, action, actor) combination against the dispatch table written out by hand,
//! so that a change to the state machine must be made twice to pass.

use mysehat_emergency::incident::{Action, ActorKind, IncidentState, TransitionError, transition};

use Action as A;
use ActorKind::{Crew, Dispatcher, Patient, System};
use IncidentState as S;

/// (from, action, to): the only steps that exist.
const STEPS: &[(S, A, S)] = &[
    (S::Created, A::Alert, S::Alerting),
    (S::Alerting, A::Accept, S::Accepted),
    (S::Alerting, A::TimeOut, S::Unanswered),
    (S::Unanswered, A::Accept, S::Accepted),
    (S::Accepted, A::AssignAmbulance, S::AmbulanceAssigned),
    (S::AmbulanceAssigned, A::Depart, S::EnRoute),
    (S::EnRoute, A::Arrive, S::OnScene),
    (S::OnScene, A::StartTransport, S::Transporting),
    (S::OnScene, A::Close, S::Closed),
    (S::Transporting, A::Close, S::Closed),
    (S::Created, A::Cancel, S::Cancelled),
    (S::Alerting, A::Cancel, S::Cancelled),
    (S::Accepted, A::Cancel, S::Cancelled),
    (S::AmbulanceAssigned, A::Cancel, S::Cancelled),
    (S::EnRoute, A::Cancel, S::Cancelled),
    (S::OnScene, A::Cancel, S::Cancelled),
    (S::Transporting, A::Cancel, S::Cancelled),
    (S::Unanswered, A::Cancel, S::Cancelled),
];

/// Who may take each action.
fn may(action: A, actor: ActorKind) -> bool {
    match action {
        A::Alert | A::TimeOut => actor == System,
        A::Accept | A::AssignAmbulance => actor == Dispatcher,
        A::Depart | A::Arrive | A::StartTransport | A::Close => {
            matches!(actor, Crew | Dispatcher)
        }
        A::Cancel => matches!(actor, Patient | Dispatcher),
    }
}

#[test]
fn every_state_action_and_actor_combination_follows_the_table() {
    let mut checked = 0;
    let mut allowed = 0;
    for &from in S::ALL {
        for &action in A::ALL {
            for &actor in ActorKind::ALL {
                let step = STEPS.iter().find(|(f, a, _)| *f == from && *a == action);
                let expected = if !may(action, actor) {
                    Err(TransitionError::ActorNotAllowed { actor, action })
                } else if let Some(&(_, _, to)) = step {
                    Ok(to)
                } else {
                    Err(TransitionError::NotAllowedFrom { from, action })
                };
                let got = transition(from, action, actor);
                assert_eq!(got, expected, "{actor} tries to {action} from {from}");
                allowed += usize::from(got.is_ok());
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 10 * 9 * 4);
    // 18 steps: 5 for one kind of actor (alert, time_out, assign, accept twice), 13 for two.
    assert_eq!(allowed, 5 + 13 * 2);
}

#[test]
fn closed_and_cancelled_incidents_never_change() {
    for from in [S::Closed, S::Cancelled] {
        assert!(from.is_terminal());
        for &action in A::ALL {
            for &actor in ActorKind::ALL {
                assert!(transition(from, action, actor).is_err());
            }
        }
    }
    let open = S::ALL.iter().filter(|s| !s.is_terminal()).count();
    assert_eq!(open, 8);
}

#[test]
fn a_flagged_unanswered_incident_can_still_be_accepted() {
    assert_eq!(
        transition(S::Unanswered, A::Accept, Dispatcher),
        Ok(S::Accepted)
    );
    assert_eq!(
        transition(S::Unanswered, A::TimeOut, System),
        Err(TransitionError::NotAllowedFrom {
            from: S::Unanswered,
            action: A::TimeOut
        })
    );
}

#[test]
fn the_full_happy_path_reaches_closed() {
    let steps = [
        (A::Alert, System),
        (A::Accept, Dispatcher),
        (A::AssignAmbulance, Dispatcher),
        (A::Depart, Crew),
        (A::Arrive, Crew),
        (A::StartTransport, Crew),
        (A::Close, Dispatcher),
    ];
    let end = steps
        .iter()
        .try_fold(S::Created, |state, &(action, actor)| {
            transition(state, action, actor)
        });
    assert_eq!(end, Ok(S::Closed));
}

#[test]
fn a_patient_treated_on_scene_is_closed_without_transport() {
    assert_eq!(transition(S::OnScene, A::Close, Crew), Ok(S::Closed));
}

#[test]
fn unauthorised_actors_are_refused_whatever_the_state() {
    // A patient asking to accept gets the same answer from every state.
    for &from in S::ALL {
        assert_eq!(
            transition(from, A::Accept, Patient),
            Err(TransitionError::ActorNotAllowed {
                actor: Patient,
                action: A::Accept
            })
        );
    }
}
