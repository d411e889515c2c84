//! The spatial index must agree exactly with a brute-force haversine sort, everywhere on the
//! globe (including the antimeridian and the poles), with filters and with ties.

use mysehat_emergency::geo::{LatLon, haversine_m};
use mysehat_emergency::nearest::SpatialIndex;
use proptest::prelude::*;

/// Anywhere, or deliberately near the awkward places.
fn position() -> impl Strategy<Value = LatLon> {
    prop_oneof![
        (-90.0..=90.0f64, -180.0..=180.0f64),
        (
            -1.0..=1.0f64,
            prop_oneof![179.0..=180.0f64, -180.0..=-179.0f64]
        ),
        (89.0..=90.0f64, -180.0..=180.0f64),
        (-90.0..=-89.0f64, -180.0..=180.0f64),
        (2.5..=38.5f64, 63.5..=99.5f64),
    ]
    .prop_map(|(lat, lon)| LatLon::new(lat, lon).expect("generated within range"))
}

/// Positions drawn from a small pool as well, so that exact ties happen.
fn positions() -> impl Strategy<Value = Vec<LatLon>> {
    (
        proptest::collection::vec(position(), 1..6),
        proptest::collection::vec(
            (any::<bool>(), position(), any::<prop::sample::Index>()),
            0..80,
        ),
    )
        .prop_map(|(pool, picks)| {
            picks
                .into_iter()
                .map(|(reuse, fresh, index)| if reuse { *index.get(&pool) } else { fresh })
                .collect()
        })
}

fn brute_force(
    points: &[LatLon],
    query: LatLon,
    k: usize,
    keep: impl Fn(&usize) -> bool,
) -> Vec<(usize, f64)> {
    let mut all: Vec<(usize, f64)> = points
        .iter()
        .enumerate()
        .filter(|(id, _)| keep(id))
        .map(|(id, p)| (id, haversine_m(query, *p)))
        .collect();
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    all.truncate(k);
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn nearest_matches_a_brute_force_haversine_sort(
        points in positions(),
        query in position(),
        k in 0usize..12,
        modulus in 1usize..5,
    ) {
        let index = SpatialIndex::new(points.iter().copied().enumerate().map(|(id, p)| (p, id)));
        prop_assert_eq!(index.len(), points.len());
        let keep = |id: &usize| modulus == 1 || !id.is_multiple_of(modulus);
        let expected = brute_force(&points, query, k, keep);
        let found = index.nearest(query, k, keep);
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn a_filter_that_rejects_everything_finds_nothing(points in positions(), query in position()) {
        let index = SpatialIndex::new(points.into_iter().map(|p| (p, ())));
        prop_assert!(index.nearest(query, 5, |_| false).is_empty());
    }
}
