//! Reading a facility registry from CSV (`mysehat facilities import FILE.csv`) and the small
//! synthetic demo registry that `make run` seeds.
//!
//! Columns, in a header row, any order: `id, name, kind, lat, lon, phone, capabilities,
//! ed_status, free_beds`. `capabilities` is a space- or `;`-separated list of `emergency trauma
//! icu maternity paediatric`; `ed_status` defaults to `open`; `free_beds` may be empty.

use crate::sos::facilities::{Facility, Invalid};
use mysehat_emergency::Capability;
use mysehat_storage::sos::FacilityRecord;

/// One row that could not be loaded: its line number and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub reason: String,
}

/// Parses a registry file: the valid facilities and the rejected rows.
pub fn parse_csv(text: &str, now_ms: i64) -> Result<(Vec<FacilityRecord>, Vec<Rejected>), String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err("the file is empty".into());
    };
    let columns: Vec<String> = split(header)
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    for needed in ["id", "name", "kind", "lat", "lon", "phone", "capabilities"] {
        if !columns.iter().any(|c| c == needed) {
            return Err(format!("the header has no `{needed}` column"));
        }
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (index, line) in lines {
        let cells = split(line);
        let get = |name: &str| {
            columns
                .iter()
                .position(|c| c == name)
                .and_then(|i| cells.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        match row(&get, now_ms) {
            Ok(record) => good.push(record),
            Err(e) => bad.push(Rejected {
                line: index + 1,
                reason: format!("{}: {}", e.field, e.message),
            }),
        }
    }
    Ok((good, bad))
}

fn row(get: &dyn Fn(&str) -> String, now_ms: i64) -> Result<FacilityRecord, Invalid> {
    let number = |field: &'static str| {
        get(field).parse::<f64>().map_err(|_| Invalid {
            field,
            message: "must be a number".into(),
        })
    };
    let mut capabilities = Vec::new();
    for word in get("capabilities")
        .split([' ', ';', '|'])
        .filter(|w| !w.is_empty())
    {
        capabilities.push(Capability::parse(word).ok_or_else(|| Invalid {
            field: "capabilities",
            message: format!("unknown capability `{word}`"),
        })?);
    }
    let beds = get("free_beds");
    let free_beds = if beds.is_empty() {
        None
    } else {
        Some(beds.parse::<i64>().map_err(|_| Invalid {
            field: "free_beds",
            message: "must be a whole number".into(),
        })?)
    };
    let status = get("ed_status");
    Facility {
        id: get("id"),
        name: get("name"),
        kind: get("kind"),
        lat: number("lat")?,
        lon: number("lon")?,
        phone: get("phone"),
        capabilities,
        ed_status: if status.is_empty() {
            "open".into()
        } else {
            status
        },
        free_beds,
    }
    .validate(now_ms)
}

/// Splits one CSV line, honouring double quotes (`""` inside quotes is a quote).
fn split(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// The synthetic demo registry around Bhopal (made-up names and numbers), seeded by
/// `serve --demo` when the registry is empty. Ids match the demo accounts' facilities.
pub const DEMO_REGISTRY: &str = "\
id,name,kind,lat,lon,phone,capabilities,ed_status,free_beds
demo-district-hospital,Demo District Hospital,hospital,23.2599,77.4126,+917550000001,emergency trauma icu maternity paediatric,open,12
demo-city-trauma,Demo City Trauma Centre,hospital,23.2332,77.4343,+917550000002,emergency trauma icu,open,5
demo-womens-hospital,Demo Women's Hospital,hospital,23.2687,77.3970,+917550000003,emergency maternity paediatric,open,8
demo-chc-kolar,Demo Community Health Centre Kolar,hospital,23.1700,77.4200,+917550000004,emergency,open,2
demo-heart-institute,Demo Heart Institute,hospital,23.2150,77.4400,+917550000005,emergency icu,open,3
demo-phc-berasia,Demo Primary Health Centre Berasia,hospital,23.6340,77.4330,+917550000006,emergency,diverting,0
demo-ambulance-base,Demo 108 Ambulance Base,ambulance_base,23.2500,77.4000,+917550000108,,open,
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_registry_loads_without_rejections() {
        let (good, bad) = parse_csv(DEMO_REGISTRY, 1).expect("parses");
        assert_eq!(bad, vec![]);
        assert_eq!(good.len(), 7);
        assert!(good.iter().any(|f| f.id == "demo-district-hospital"));
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_good_rows_kept() {
        let csv = "id,name,kind,lat,lon,phone,capabilities\n\
                   h1,\"Civil Hospital, Sehore\",hospital,23.2,77.08,+917562000000,emergency;trauma\n\
                   h2,No Place,hospital,123,77,+917562000001,emergency\n\
                   h3,Odd,hospital,23,77,+917562000002,surgery\n";
        let (good, bad) = parse_csv(csv, 1).expect("parses");
        assert_eq!(good.len(), 1);
        assert_eq!(good[0].name, "Civil Hospital, Sehore");
        assert_eq!(good[0].capabilities, ["emergency", "trauma"]);
        assert_eq!(bad.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
        assert!(bad[0].reason.starts_with("lat"), "{:?}", bad[0]);
        assert!(bad[1].reason.contains("surgery"), "{:?}", bad[1]);
    }

    #[test]
    fn a_header_without_needed_columns_is_refused() {
        assert!(
            parse_csv("id,name\nx,y\n", 1)
                .expect_err("no kind column")
                .contains("kind")
        );
        assert!(parse_csv("", 1).is_err());
    }
}
