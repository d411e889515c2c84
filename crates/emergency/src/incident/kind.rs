//! What kind of emergency the patient reports, and which facility capabilities it needs, so
//! that alerts go only to facilities that can actually treat it.
//!
//! The mapping (every kind also needs `emergency`, a staffed 24-hour casualty department):
//!
//! | kind          | needs            | why |
//! | ---           | ---              | --- |
//! | `accident`    | `trauma`         | injuries may need surgery, imaging and blood |
//! | `chest_pain`  | `icu`            | possible heart attack: monitoring, defibrillation, thrombolysis; the capability list has no cardiology entry, so ICU stands in for it |
//! | `breathing`   | `icu`            | may need oxygen beyond a ward's supply or ventilation |
//! | `pregnancy`   | `maternity`      | obstetric emergencies (bleeding, eclampsia, obstructed labour) need an obstetric team and theatre |
//! | `unconscious` | `icu`            | airway protection and monitoring |
//! | `other`       | (`emergency` only) | unknown needs: the nearest casualty department decides |
//!
//! A child (under 18) additionally needs `paediatric`, whatever the kind.

use crate::named::named_enum;

named_enum! {
    /// The emergency as the patient or caller describes it on the SOS screen.
    pub enum EmergencyKind {
        /// Road or other accident, fall, injury.
        Accident => "accident",
        ChestPain => "chest_pain",
        /// Difficulty breathing.
        Breathing => "breathing",
        /// A problem in pregnancy or labour.
        Pregnancy => "pregnancy",
        Unconscious => "unconscious",
        Other => "other",
    }
}

named_enum! {
    /// What a facility can do for an emergency patient.
    pub enum Capability {
        /// A staffed 24-hour casualty department.
        Emergency => "emergency",
        Trauma => "trauma",
        Icu => "icu",
        Maternity => "maternity",
        Paediatric => "paediatric",
    }
}

named_enum! {
    /// Adult or child (under 18), which decides whether paediatric care is needed.
    pub enum AgeGroup {
        Adult => "adult",
        Child => "child",
    }
}

impl EmergencyKind {
    /// The capabilities this kind needs for an adult, `emergency` first.
    pub const fn needs(self) -> &'static [Capability] {
        use Capability::{Emergency, Icu, Maternity, Trauma};
        match self {
            EmergencyKind::Accident => &[Emergency, Trauma],
            EmergencyKind::ChestPain | EmergencyKind::Breathing | EmergencyKind::Unconscious => {
                &[Emergency, Icu]
            }
            EmergencyKind::Pregnancy => &[Emergency, Maternity],
            EmergencyKind::Other => &[Emergency],
        }
    }
}

/// Every capability a facility must have to receive this patient.
pub fn required_capabilities(kind: EmergencyKind, age: AgeGroup) -> Vec<Capability> {
    let mut needed = kind.needs().to_vec();
    if age == AgeGroup::Child {
        needed.push(Capability::Paediatric);
    }
    needed
}

/// Whether a facility offering `offered` has everything in `required`.
pub fn facility_can_receive(required: &[Capability], offered: &[Capability]) -> bool {
    required.iter().all(|need| offered.contains(need))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Capability::{Emergency, Icu, Maternity, Paediatric, Trauma};

    #[test]
    fn every_kind_needs_an_emergency_department() {
        for kind in EmergencyKind::ALL {
            assert_eq!(kind.needs().first(), Some(&Emergency), "{kind}");
        }
    }

    #[test]
    fn the_mapping_is_the_documented_one() {
        assert_eq!(EmergencyKind::Accident.needs(), [Emergency, Trauma]);
        assert_eq!(EmergencyKind::ChestPain.needs(), [Emergency, Icu]);
        assert_eq!(EmergencyKind::Breathing.needs(), [Emergency, Icu]);
        assert_eq!(EmergencyKind::Pregnancy.needs(), [Emergency, Maternity]);
        assert_eq!(EmergencyKind::Unconscious.needs(), [Emergency, Icu]);
        assert_eq!(EmergencyKind::Other.needs(), [Emergency]);
    }

    #[test]
    fn a_child_also_needs_paediatric_care() {
        assert_eq!(
            required_capabilities(EmergencyKind::Accident, AgeGroup::Child),
            [Emergency, Trauma, Paediatric]
        );
        assert_eq!(
            required_capabilities(EmergencyKind::Other, AgeGroup::Adult),
            [Emergency]
        );
    }

    #[test]
    fn a_maternity_home_without_casualty_cannot_receive_a_pregnancy_emergency() {
        let needed = required_capabilities(EmergencyKind::Pregnancy, AgeGroup::Adult);
        assert!(!facility_can_receive(&needed, &[Maternity]));
        assert!(facility_can_receive(
            &needed,
            &[Trauma, Maternity, Emergency]
        ));
    }

    #[test]
    fn kinds_and_capabilities_are_snake_case_on_the_wire() -> Result<(), serde_json::Error> {
        for kind in EmergencyKind::ALL {
            assert_eq!(serde_json::to_string(kind)?, format!("\"{kind}\""));
        }
        for capability in Capability::ALL {
            assert_eq!(
                serde_json::to_string(capability)?,
                format!("\"{capability}\"")
            );
        }
        for age in AgeGroup::ALL {
            assert_eq!(serde_json::to_string(age)?, format!("\"{age}\""));
        }
        Ok(())
    }
}
