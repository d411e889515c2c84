//! DIGIPIN against India Post's published examples, the grid-line rules of §3.4, parsing, and
//! a round-trip property over the whole bounding box.

use mysehat_emergency::digipin::{
    self, CellBounds, Digipin, DigipinError, EAST, NORTH, SOUTH, WEST,
};
use mysehat_emergency::geo::{Axis, LatLon};
use proptest::prelude::*;

fn encoded(lat: f64, lon: f64) -> String {
    digipin::encode(lat, lon)
        .expect("point is inside the box")
        .to_string()
}

fn parsed(text: &str) -> Digipin {
    Digipin::parse(text).expect("valid DIGIPIN")
}

/// (latitude, longitude, DIGIPIN, where it is published)
const PUBLISHED: &[(f64, f64, &str, &str)] = &[
    // DIGIPIN Technical Document (Department of Posts, March 2025), §5 "Illustration of
    // DIGIPIN Generation Process": Dak Bhawan, New Delhi; also INDIAPOST-gov/digipin
    // tests/digipin.test.js.
    (
        28.622788,
        77.213033,
        "39J-49L-L8T4",
        "Technical Document §5",
    ),
    // INDIAPOST-gov/digipin tests/digipin.test.js and tests/api.test.js; CEPT-VZG/digipin
    // README.md (API example): Bengaluru.
    (
        12.9716,
        77.5946,
        "4P3-JK8-52C9",
        "INDIAPOST-gov/digipin tests",
    ),
    // CEPT-VZG/digipin src/tests/digipin.test.js: Delhi and Mumbai.
    (
        28.6139,
        77.2090,
        "39J-438-TJC7",
        "CEPT-VZG/digipin src/tests",
    ),
    (
        19.0760,
        72.8777,
        "4FK-595-8823",
        "CEPT-VZG/digipin src/tests",
    ),
    // CEPT-VZG/digipin src/tests/digipin.test.js: the south-west and north-east corners.
    (2.5, 63.5, "LLL-LLL-LLLL", "CEPT-VZG/digipin src/tests"),
    (38.5, 99.5, "888-888-8888", "CEPT-VZG/digipin src/tests"),
];

#[test]
fn published_examples_encode_to_their_published_digipins() {
    for &(lat, lon, pin, source) in PUBLISHED {
        assert_eq!(encoded(lat, lon), pin, "({lat}, {lon}) from {source}");
    }
}

#[test]
fn published_examples_decode_to_cells_containing_the_point() {
    for &(lat, lon, pin, source) in PUBLISHED {
        let bounds = parsed(pin).bounds();
        assert!(bounds.contains(lat, lon), "{pin} from {source}: {bounds:?}");
    }
}

#[test]
fn published_decodings_match_to_six_decimals() {
    // CEPT-VZG/digipin src/tests/digipin.test.js: "39J-438-TJC7" -> 28.613901, 77.208998.
    // CEPT-VZG/digipin README.md: "4P3-JK8-52C9" -> 12.971601, 77.594584.
    for (pin, lat, lon) in [
        ("39J-438-TJC7", "28.613901", "77.208998"),
        ("4P3-JK8-52C9", "12.971601", "77.594584"),
    ] {
        let centre = digipin::decode(&parsed(pin));
        assert_eq!(format!("{:.6}", centre.lat), lat, "{pin}");
        assert_eq!(format!("{:.6}", centre.lon), lon, "{pin}");
    }
}

#[test]
fn level_one_grid_puts_f_in_the_north_west_and_l_in_the_south_west() {
    // 9° cells: the first symbol alone says which sixteenth of the box a point is in.
    let first = |lat: f64, lon: f64| encoded(lat, lon).chars().next();
    assert_eq!(first(34.0, 68.0), Some('F'));
    assert_eq!(first(34.0, 95.0), Some('8'));
    assert_eq!(first(7.0, 68.0), Some('L'));
    assert_eq!(first(7.0, 95.0), Some('T'));
    assert_eq!(first(16.0, 77.0), Some('4')); // Deccan: third row, second column
}

#[test]
fn points_on_inner_grid_lines_go_north_and_east() {
    // 20.5° N is the line between the second and third level-1 rows; 72.5° E between the
    // first and second columns (Technical Document §3.4).
    assert!(encoded(20.5, 70.0).starts_with('J'));
    assert!(encoded(20.499_999, 70.0).starts_with('K'));
    assert!(encoded(25.0, 72.5).starts_with('3'));
    assert!(encoded(25.0, 72.499_999).starts_with('J'));
    assert!(encoded(20.5, 72.5).starts_with('3')); // an intersection goes to the top-right cell
}

#[test]
fn outer_north_and_east_edges_belong_to_the_cells_inside() {
    // §3.4's exception: 38.5° N goes to the cell south of it, 99.5° E to the one west of it.
    assert_eq!(encoded(38.5, 63.5), "FFF-FFF-FFFF");
    assert_eq!(encoded(2.5, 99.5), "TTT-TTT-TTTT");
    assert_eq!(encoded(NORTH, EAST), "888-888-8888");
}

#[test]
fn points_outside_the_box_are_refused_naming_the_problem() {
    assert_eq!(
        digipin::encode(2.4999, 77.0),
        Err(DigipinError::LatitudeOutOfBounds { value: 2.4999 })
    );
    assert_eq!(
        digipin::encode(38.5001, 77.0),
        Err(DigipinError::LatitudeOutOfBounds { value: 38.5001 })
    );
    assert_eq!(
        digipin::encode(20.0, 63.4),
        Err(DigipinError::LongitudeOutOfBounds { value: 63.4 })
    );
    assert_eq!(
        digipin::encode(20.0, 99.6),
        Err(DigipinError::LongitudeOutOfBounds { value: 99.6 })
    );
    assert_eq!(
        digipin::encode(f64::NAN, 77.0),
        Err(DigipinError::NotFinite {
            axis: Axis::Latitude
        })
    );
    assert_eq!(
        digipin::encode(20.0, f64::NEG_INFINITY),
        Err(DigipinError::NotFinite {
            axis: Axis::Longitude
        })
    );
    let message = digipin::encode(51.5, -0.1)
        .expect_err("London is not in India")
        .to_string();
    assert!(message.contains("latitude 51.5"), "{message}");
}

#[test]
fn parsing_accepts_hyphens_or_none_in_any_case() {
    let canonical = parsed("39J-49L-L8T4");
    for text in [
        "39J49LL8T4",
        "39j-49l-l8t4",
        "  39J-49L-L8T4\n",
        "39J49L-L8T4",
    ] {
        assert_eq!(parsed(text), canonical, "{text:?}");
    }
    assert_eq!(canonical.to_string(), "39J-49L-L8T4");
    assert_eq!(canonical.compact(), "39J49LL8T4");
    assert_eq!("39j49ll8t4".parse::<Digipin>(), Ok(canonical));
}

#[test]
fn parsing_rejects_wrong_lengths() {
    for (text, found) in [("", 0), ("4P3-JK8", 6), ("FCJ-3K4-LM295", 11), ("---", 0)] {
        assert_eq!(
            Digipin::parse(text),
            Err(DigipinError::WrongLength { found }),
            "{text:?}"
        );
    }
}

#[test]
fn parsing_rejects_symbols_outside_the_alphabet() {
    // 0, 1, A, O, I are deliberately absent from DIGIPIN (Technical Document §3, §4).
    for (text, symbol, position) in [
        ("4P3-JK8-52XY", 'X', 9),
        ("FCJ3K4LM21", '1', 10),
        ("0CJ3K4LM22", '0', 1),
        ("FCJ 3K4LM2", ' ', 4),
        ("FCJ3K4LM2é", 'é', 10),
    ] {
        assert_eq!(
            Digipin::parse(text),
            Err(DigipinError::InvalidSymbol { symbol, position }),
            "{text:?}"
        );
    }
}

#[test]
fn digipins_are_hyphenated_strings_on_the_wire() -> Result<(), serde_json::Error> {
    let pin = parsed("4FK5958823");
    assert_eq!(serde_json::to_string(&pin)?, r#""4FK-595-8823""#);
    assert_eq!(serde_json::from_str::<Digipin>(r#""4fk5958823""#)?, pin);
    assert!(serde_json::from_str::<Digipin>(r#""4FK-595""#).is_err());
    Ok(())
}

#[test]
fn level_ten_cells_are_about_3_8_metres_across() {
    let bounds = parsed("39J-49L-L8T4").bounds();
    let span = 36.0 / 4f64.powi(10);
    assert!((bounds.north - bounds.south - span).abs() < 1e-12);
    assert!((bounds.east - bounds.west - span).abs() < 1e-12);
    let corner = |lat, lon| LatLon::new(lat, lon).expect("valid");
    let height = corner(bounds.south, bounds.west).distance_m(corner(bounds.north, bounds.west));
    assert!((3.7..3.9).contains(&height), "{height}");
}

#[test]
fn whole_area_bounds_are_the_published_box() {
    assert_eq!(
        CellBounds::AREA,
        CellBounds {
            south: SOUTH,
            north: NORTH,
            west: WEST,
            east: EAST
        }
    );
}

proptest! {
    #[test]
    fn decoding_gives_the_cell_of_the_point_and_its_centre_encodes_back(
        lat in SOUTH..=NORTH,
        lon in WEST..=EAST,
    ) {
        let pin = digipin::encode(lat, lon).expect("inside the box");
        let bounds = pin.bounds();
        prop_assert!(bounds.contains(lat, lon), "{pin}: {bounds:?} misses ({lat}, {lon})");
        let centre = digipin::decode(&pin);
        let original = LatLon::new(lat, lon).expect("valid");
        let middle = LatLon::new(centre.lat, centre.lon).expect("valid");
        // Half the diagonal of a 3.8 m cell is 2.7 m.
        prop_assert!(original.distance_m(middle) < 2.8);
        prop_assert_eq!(digipin::encode(centre.lat, centre.lon), Ok(pin));
        prop_assert_eq!(Digipin::parse(&pin.to_string()), Ok(pin));
        prop_assert_eq!(Digipin::parse(&pin.compact().to_lowercase()), Ok(pin));
    }

    #[test]
    fn any_ten_symbols_parse_and_print_back(symbols in proptest::collection::vec(
        proptest::sample::select(digipin::GRID.concat()), 10,
    )) {
        let text: String = symbols.iter().collect();
        let pin = Digipin::parse(&text).expect("ten valid symbols");
        prop_assert_eq!(pin.compact(), text);
        let centre = digipin::decode(&pin);
        prop_assert_eq!(digipin::encode(centre.lat, centre.lon), Ok(pin));
    }
}
