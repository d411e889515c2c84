//! What a health worker's phone pushes after a day offline, as docs/SYNC.md describes it: a
//! household save (its `Group`, `Location` and four member `Patient`s) and home visits (an
//! `Encounter` and a CBAC `QuestionnaireResponse`), each save one mutation group, every record
//! tagged with its village and household, every id a UUIDv7 made on the device. Bodies are
//! built and serialised before any clock starts, and kept, so the replay sends the same bytes.

use crate::visit::{self, Adult};
use bytes::Bytes;
use mysehat_bench::stats::XorShift;
use serde_json::{Value, json};

pub const VILLAGE_TAG: &str = "https://mysehat.in/fhir/CodeSystem/village";
pub const HOUSEHOLD_TAG: &str = "https://mysehat.in/fhir/CodeSystem/household";
const GROUP_KIND: &str = "https://mysehat.in/fhir/CodeSystem/group-kind";
const HOUSEHOLD_NUMBER: &str = "https://mysehat.in/fhir/sid/household-number";
const RELATION_TO_HEAD: &str = "https://mysehat.in/fhir/StructureDefinition/relation-to-head";
const POSITION_ACCURACY: &str = "https://mysehat.in/fhir/StructureDefinition/position-accuracy";
const BIRTHDATE_ESTIMATED: &str = "https://mysehat.in/fhir/StructureDefinition/birthdate-estimated";

/// Mutations in one household group and in one visit group.
pub const HOUSEHOLD_MUTATIONS: usize = 6;
pub const VISIT_MUTATIONS: usize = 2;

/// How many saves each push carries.
#[derive(Debug, Clone, Copy)]
pub struct Day {
    pub households: usize,
    pub visits: usize,
}

impl Day {
    pub fn mutations(self) -> usize {
        self.households * HOUSEHOLD_MUTATIONS + self.visits * VISIT_MUTATIONS
    }
}

/// One `POST /sync/push` body, serialised, with the mutation ids it carries in answer order.
#[derive(Debug)]
pub struct Push {
    pub body: Bytes,
    pub mutation_ids: Vec<String>,
    /// `Type/id` of every record the push creates.
    pub records: Vec<String>,
}

/// Everything one device sends, push after push.
#[derive(Debug)]
pub struct DeviceLoad {
    pub device: String,
    pub pushes: Vec<Push>,
}

/// Builds `pushes` pushes for each of `devices` devices, all in `village`.
pub fn build(devices: usize, pushes: usize, day: Day, village: &str, seed: u64) -> Vec<DeviceLoad> {
    (0..devices)
        .map(|d| {
            let mut phone = Phone::new(village, seed.wrapping_add(d as u64));
            let pushes = (0..pushes).map(|_| phone.push(day)).collect();
            DeviceLoad {
                device: phone.device,
                pushes,
            }
        })
        .collect()
}

/// One device's state: its id, its next sequence number, its household numbers.
struct Phone {
    device: String,
    village: String,
    seq: i64,
    households: usize,
    rng: XorShift,
}

impl Phone {
    fn new(village: &str, seed: u64) -> Self {
        Self {
            device: uuid::Uuid::now_v7().to_string(),
            village: village.to_owned(),
            seq: 0,
            households: 0,
            rng: XorShift::new(seed),
        }
    }

    fn push(&mut self, day: Day) -> Push {
        let mut groups: Vec<Vec<Value>> = Vec::with_capacity(day.households + day.visits);
        let mut adults = Vec::new();
        for _ in 0..day.households {
            let (saves, household, people) = self.household();
            groups.push(saves);
            adults.extend(people.into_iter().map(|p| (household.clone(), p)));
        }
        for v in 0..day.visits {
            let (household, adult) = adults[self.rng.below(adults.len())].clone();
            groups.push(self.visit(&household, &adult, v));
        }
        let mut mutation_ids = Vec::new();
        let mut records = Vec::new();
        let groups: Vec<Value> = groups
            .into_iter()
            .map(|resources| {
                let mutations: Vec<Value> = resources
                    .into_iter()
                    .map(|r| {
                        let m = self.mutation(r);
                        mutation_ids.push(m["id"].as_str().unwrap_or_default().to_owned());
                        let (ty, id) = (m["type"].as_str(), m["resource_id"].as_str());
                        records.push(format!("{}/{}", ty.unwrap_or(""), id.unwrap_or("")));
                        m
                    })
                    .collect();
                json!({ "mutations": mutations })
            })
            .collect();
        let body = json!({ "device": self.device, "groups": groups });
        Push {
            body: Bytes::from(body.to_string()),
            mutation_ids,
            records,
        }
    }

    /// `{id, seq, op: "put", type, resource_id, base_version: null, resource}` for a new record.
    fn mutation(&mut self, resource: Value) -> Value {
        self.seq += 1;
        json!({
            "id": new_id(),
            "seq": self.seq,
            "op": "put",
            "type": resource["resourceType"],
            "resource_id": resource["id"],
            "base_version": null,
            "resource": resource,
        })
    }

    fn tags(&self, household: &str) -> Value {
        json!({ "tag": [
            { "system": VILLAGE_TAG, "code": self.village },
            { "system": HOUSEHOLD_TAG, "code": household },
        ] })
    }

    fn position(&mut self) -> (Value, Value) {
        let lat = 26.80 + self.rng.below(20_000) as f64 / 1e6;
        let lon = 80.90 + self.rng.below(20_000) as f64 / 1e6;
        let accuracy = 5 + self.rng.below(30);
        (
            json!({ "latitude": lat, "longitude": lon }),
            json!([{ "url": POSITION_ACCURACY, "valueDecimal": accuracy }]),
        )
    }

    /// A household save: Group, Location, four Patients; the household id and its adults.
    fn household(&mut self) -> (Vec<Value>, String, Vec<Adult>) {
        self.households += 1;
        let number = format!("{}-{:04}", &self.device[..8], self.households);
        let (group_id, location_id) = (new_id(), new_id());
        let meta = self.tags(&group_id);
        let (position, accuracy) = self.position();
        let location = json!({
            "resourceType": "Location", "id": location_id, "meta": meta,
            "status": "active", "name": number, "mode": "instance",
            "partOf": { "reference": format!("Location/{}", self.village) },
            "position": position, "extension": accuracy,
        });
        let family = ["Devi", "Kumar", "Yadav", "Singh", "Verma"][self.rng.below(5)];
        let people = [
            ("head", "male", "Ramesh", Some("1979-04-02")),
            ("spouse", "female", "Sita", None),
            ("son", "male", "Mohan", Some("2008-09-15")),
            ("daughter", "female", "Gita", Some("2012-01-30")),
        ];
        let patient_ids: Vec<String> = people.iter().map(|_| new_id()).collect();
        let patients: Vec<Value> = people
            .iter()
            .zip(&patient_ids)
            .map(|((relation, gender, given, born), id)| {
                let mut p = json!({
                    "resourceType": "Patient", "id": id, "meta": meta, "active": true,
                    "name": [{ "text": format!("{given} {family}") }], "gender": gender,
                });
                match born {
                    Some(date) => p["birthDate"] = json!(date),
                    None => {
                        p["birthDate"] = json!("1992");
                        p["_birthDate"] =
                            json!({ "extension": [{ "url": BIRTHDATE_ESTIMATED, "valueBoolean": true }] });
                    }
                }
                if *relation == "head" {
                    let phone = format!("+9198{:08}", self.rng.below(100_000_000));
                    p["telecom"] = json!([{ "system": "phone", "value": phone, "use": "mobile" }]);
                }
                p
            })
            .collect();
        let group = json!({
            "resourceType": "Group", "id": group_id, "meta": meta,
            "identifier": [{ "system": HOUSEHOLD_NUMBER, "value": number }],
            "active": true, "type": "person", "actual": true,
            "code": { "coding": [{ "system": GROUP_KIND, "code": "household" }] },
            "name": number, "quantity": patients.len(),
            "characteristic": [{
                "code": { "coding": [{ "system": GROUP_KIND, "code": "location" }], "text": "location" },
                "valueReference": { "reference": format!("Location/{location_id}") },
                "exclude": false,
            }],
            "member": people.iter().zip(&patient_ids).map(|((relation, ..), id)| json!({
                "entity": { "reference": format!("Patient/{id}") },
                "extension": [{ "url": RELATION_TO_HEAD, "valueCode": relation }],
            })).collect::<Vec<_>>(),
        });
        let mut saves = vec![group, location];
        saves.extend(patients);
        let adults = vec![
            Adult {
                id: patient_ids[0].clone(),
                male: true,
            },
            Adult {
                id: patient_ids[1].clone(),
                male: false,
            },
        ];
        (saves, group_id, adults)
    }

    /// A home visit to an adult member: an Encounter and a CBAC screening.
    fn visit(&mut self, household: &str, adult: &Adult, n: usize) -> Vec<Value> {
        let meta = self.tags(household);
        let position = self.position();
        let at = format!("2026-11-26T{:02}:{:02}:00+05:30", 9 + n / 6 % 9, n * 7 % 60);
        visit::saves(&meta, position, adult, &at, new_id(), new_id())
    }
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(p: &Push) -> Value {
        serde_json::from_slice(&p.body).expect("a push body is JSON")
    }

    #[test]
    fn a_push_holds_household_groups_then_visit_groups() {
        let loads = build(
            1,
            1,
            Day {
                households: 2,
                visits: 3,
            },
            "v-1",
            1,
        );
        let push = body(&loads[0].pushes[0]);
        let groups = push["groups"].as_array().expect("groups");
        let types = |g: &Value| -> Vec<String> {
            g["mutations"]
                .as_array()
                .expect("mutations")
                .iter()
                .map(|m| m["type"].as_str().unwrap_or("").to_owned())
                .collect()
        };
        assert_eq!(groups.len(), 5);
        assert_eq!(
            types(&groups[0]),
            [
                "Group", "Location", "Patient", "Patient", "Patient", "Patient"
            ]
        );
        assert_eq!(types(&groups[4]), ["Encounter", "QuestionnaireResponse"]);
        assert_eq!(push["device"], json!(loads[0].device));
        assert_eq!(
            loads[0].pushes[0].mutation_ids.len(),
            Day {
                households: 2,
                visits: 3
            }
            .mutations()
        );
    }

    #[test]
    fn every_record_is_tagged_with_its_village_and_household_and_has_a_v7_id() {
        let loads = build(
            1,
            1,
            Day {
                households: 1,
                visits: 2,
            },
            "v-1",
            7,
        );
        let push = body(&loads[0].pushes[0]);
        let household = push["groups"][0]["mutations"][0]["resource_id"].clone();
        for m in push["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .flat_map(|g| g["mutations"].as_array().expect("m"))
        {
            let r = &m["resource"];
            assert_eq!(
                r["meta"]["tag"][0],
                json!({"system": VILLAGE_TAG, "code": "v-1"})
            );
            assert_eq!(
                r["meta"]["tag"][1],
                json!({"system": HOUSEHOLD_TAG, "code": household})
            );
            assert_eq!(
                (&m["op"], &m["base_version"]),
                (&json!("put"), &Value::Null)
            );
            assert_eq!(
                (&r["resourceType"], &r["id"]),
                (&m["type"], &m["resource_id"])
            );
            for id in [&m["id"], &m["resource_id"]] {
                let id = uuid::Uuid::parse_str(id.as_str().expect("id")).expect("a UUID");
                assert_eq!(id.get_version_num(), 7);
            }
        }
    }

    #[test]
    fn sequence_numbers_rise_by_one_across_a_devices_pushes_and_devices_differ() {
        let loads = build(
            2,
            2,
            Day {
                households: 1,
                visits: 1,
            },
            "v-1",
            3,
        );
        let seqs: Vec<i64> = loads[0]
            .pushes
            .iter()
            .flat_map(|p| {
                let b = body(p);
                b["groups"]
                    .as_array()
                    .expect("groups")
                    .iter()
                    .flat_map(|g| {
                        g["mutations"]
                            .as_array()
                            .expect("m")
                            .iter()
                            .map(|m| m["seq"].as_i64().expect("seq"))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(seqs, (1..=16).collect::<Vec<_>>());
        assert_ne!(loads[0].device, loads[1].device);
        assert_eq!(loads[1].pushes[0].records.len(), 8);
        assert!(loads[1].pushes[0].records[0].starts_with("Group/"));
    }
}
