//! Finding the nearest facilities or ambulances to a patient, exactly by great-circle
//! distance, with an R*-tree so a state's worth of facilities answers in microseconds.
//!
//! Points are stored as 3-D unit vectors. The straight-line (chord) distance between two
//! points on a sphere is `2 sin(θ / 2)` of their central angle θ, which grows with θ over
//! 0..=π, so the Euclidean nearest neighbours in 3-D are exactly the great-circle nearest,
//! with no special cases at the antimeridian or the poles.

use std::fmt;

use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::geo::{LatLon, haversine_m};

/// A point in the tree, carrying the position of its item in `SpatialIndex::items`.
type Entry = GeomWithData<[f64; 3], usize>;

/// Extra chord length (unit sphere; about 0.6 m on the Earth) past the k-th match within
/// which further items are still collected, so that rounding differences between the chord
/// and the haversine distance can never change which items, or which order, are returned.
const TIE_SLACK: f64 = 1e-7;

/// Items with a position, searchable by distance. Build once, query many times.
pub struct SpatialIndex<T> {
    tree: RTree<Entry>,
    items: Vec<(LatLon, T)>,
}

impl<T> fmt::Debug for SpatialIndex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpatialIndex")
            .field("len", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl<T: Clone> SpatialIndex<T> {
    /// Indexes the items; their order is kept as the tie-break between equal distances.
    pub fn new(items: impl IntoIterator<Item = (LatLon, T)>) -> Self {
        let items: Vec<(LatLon, T)> = items.into_iter().collect();
        let entries = items
            .iter()
            .enumerate()
            .map(|(i, (pos, _))| Entry::new(pos.unit_vector(), i))
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
            items,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Up to `k` items that `filter` accepts, nearest first, each with its haversine
    /// distance in metres from `point`. Equal distances keep insertion order.
    pub fn nearest(&self, point: LatLon, k: usize, filter: impl Fn(&T) -> bool) -> Vec<(T, f64)> {
        if k == 0 {
            return Vec::new();
        }
        let query = point.unit_vector();
        // (distance in metres, insertion index) of accepted items, gathered nearest first.
        let mut found: Vec<(f64, usize)> = Vec::with_capacity(k);
        let mut stop_beyond: Option<f64> = None;
        for (entry, chord_2) in self.tree.nearest_neighbor_iter_with_distance_2(&query) {
            let chord = chord_2.sqrt();
            if stop_beyond.is_some_and(|limit| chord > limit) {
                break;
            }
            let Some((pos, item)) = self.items.get(entry.data) else {
                continue;
            };
            if !filter(item) {
                continue;
            }
            found.push((haversine_m(point, *pos), entry.data));
            if found.len() == k {
                stop_beyond = Some(chord + TIE_SLACK);
            }
        }
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.truncate(k);
        found
            .into_iter()
            .filter_map(|(distance, i)| self.items.get(i).map(|(_, t)| (t.clone(), distance)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> LatLon {
        LatLon::new(lat, lon).expect("test coordinates are valid")
    }

    fn names(found: &[(&'static str, f64)]) -> Vec<&'static str> {
        found.iter().map(|(name, _)| *name).collect()
    }

    fn facilities() -> SpatialIndex<&'static str> {
        SpatialIndex::new([
            (at(28.6139, 77.2090), "delhi"),
            (at(19.0760, 72.8777), "mumbai"),
            (at(12.9716, 77.5946), "bengaluru"),
            (at(13.0827, 80.2707), "chennai"),
            (at(22.5726, 88.3639), "kolkata"),
        ])
    }

    #[test]
    fn nearest_facilities_come_back_closest_first_with_distances() {
        let found = facilities().nearest(at(13.2, 79.1), 3, |_| true);
        assert_eq!(names(&found), ["chennai", "bengaluru", "mumbai"]);
        assert!(found.windows(2).all(|w| w[0].1 <= w[1].1));
        assert!(
            (120_000.0..140_000.0).contains(&found[0].1),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn the_filter_skips_facilities_that_cannot_help() {
        let found = facilities().nearest(at(13.2, 79.1), 2, |name| !name.starts_with('c'));
        assert_eq!(names(&found), ["bengaluru", "mumbai"]);
    }

    #[test]
    fn asking_for_more_than_there_are_returns_them_all() {
        assert_eq!(facilities().nearest(at(20.0, 78.0), 50, |_| true).len(), 5);
        assert!(facilities().nearest(at(20.0, 78.0), 0, |_| true).is_empty());
        let empty: SpatialIndex<u8> = SpatialIndex::new([]);
        assert!(empty.is_empty());
        assert!(empty.nearest(at(20.0, 78.0), 3, |_| true).is_empty());
    }

    #[test]
    fn equally_distant_items_keep_insertion_order() {
        let same = at(25.0, 80.0);
        let index = SpatialIndex::new([(same, "first"), (same, "second"), (same, "third")]);
        assert_eq!(
            names(&index.nearest(at(25.1, 80.1), 2, |_| true)),
            ["first", "second"]
        );
    }

    #[test]
    fn neighbours_across_the_antimeridian_are_found() {
        let index = SpatialIndex::new([(at(0.0, 179.9), "east"), (at(0.0, 170.0), "far")]);
        let found = index.nearest(at(0.0, -179.9), 1, |_| true);
        assert_eq!(names(&found), ["east"]);
        assert!((found[0].1 - 22_239.0).abs() < 1.0, "{}", found[0].1);
    }
}
