//! Matching the items of two ordered lists: by id, then by a looser likeness.
//!
//! The result lists every item once, in the new guide's order, with each removed item
//! placed just after the item that preceded it in the old guide, so a report reads in the
//! order of the guides themselves.

use std::collections::HashMap;

/// One row of a pairing: the old item's index, the new item's index, or both.
pub(super) type Pair = (Option<usize>, Option<usize>);

/// Two lists matched up.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Pairing {
    /// Every item, in reading order.
    pub pairs: Vec<Pair>,
    /// Whether items present on both sides appear in a different order.
    pub reordered: bool,
}

/// The ids of a list of items.
pub(super) fn ids<T>(items: &[T], id: fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id).collect()
}

/// Pairs items by equal id; then pairs each leftover old item with the one leftover new
/// item that is `alike` it, when neither side has any other candidate.
pub(super) fn pair(old: &[&str], new: &[&str], alike: impl Fn(usize, usize) -> bool) -> Pairing {
    let by_id: HashMap<&str, usize> = new.iter().enumerate().map(|(j, id)| (*id, j)).collect();
    let mut old_to_new: Vec<Option<usize>> = old.iter().map(|id| by_id.get(id).copied()).collect();
    let mut taken = vec![false; new.len()];
    old_to_new.iter().flatten().for_each(|&j| taken[j] = true);
    let leftover_old: Vec<usize> = (0..old.len())
        .filter(|&i| old_to_new[i].is_none())
        .collect();
    let leftover_new: Vec<usize> = (0..new.len()).filter(|&j| !taken[j]).collect();
    // Decide every likeness pair before applying any, so one match cannot hide an ambiguity.
    let unique: Vec<(usize, usize)> = leftover_old
        .iter()
        .filter_map(|&i| {
            let mut candidates = leftover_new.iter().filter(|&&j| alike(i, j));
            let j = *candidates.next()?;
            let rivals = leftover_old.iter().filter(|&&k| alike(k, j)).count();
            (candidates.next().is_none() && rivals == 1).then_some((i, j))
        })
        .collect();
    for (i, j) in unique {
        old_to_new[i] = Some(j);
    }
    Pairing {
        pairs: merge(&old_to_new, new.len()),
        reordered: reordered(&old_to_new),
    }
}

fn merge(old_to_new: &[Option<usize>], new_len: usize) -> Vec<Pair> {
    let mut new_to_old = vec![None; new_len];
    // removed[0] holds items removed before any kept one; removed[j + 1] those after new j.
    let mut removed: Vec<Vec<usize>> = vec![Vec::new(); new_len + 1];
    let mut anchor = 0;
    for (i, j) in old_to_new.iter().enumerate() {
        match j {
            Some(j) => {
                new_to_old[*j] = Some(i);
                anchor = j + 1;
            }
            None => removed[anchor].push(i),
        }
    }
    let mut pairs: Vec<Pair> = removed[0].iter().map(|&i| (Some(i), None)).collect();
    for (j, old) in new_to_old.iter().enumerate() {
        pairs.push((*old, Some(j)));
        pairs.extend(removed[j + 1].iter().map(|&i| (Some(i), None)));
    }
    pairs
}

fn reordered(old_to_new: &[Option<usize>]) -> bool {
    let kept: Vec<usize> = old_to_new.iter().flatten().copied().collect();
    kept.windows(2).any(|w| w[0] > w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: usize, _: usize) -> bool {
        false
    }

    #[test]
    fn removed_items_stay_where_they_were() {
        let pairing = pair(&["a", "b", "c"], &["a", "c", "d"], never);
        assert_eq!(
            pairing.pairs,
            vec![
                (Some(0), Some(0)),
                (Some(1), None),
                (Some(2), Some(1)),
                (None, Some(2))
            ]
        );
        assert!(!pairing.reordered);
    }

    #[test]
    fn a_removed_first_item_comes_first() {
        let pairing = pair(&["x", "a"], &["a"], never);
        assert_eq!(pairing.pairs, vec![(Some(0), None), (Some(1), Some(0))]);
    }

    #[test]
    fn swapped_items_are_reordered() {
        assert!(pair(&["a", "b"], &["b", "a"], never).reordered);
    }

    #[test]
    fn a_new_id_is_paired_by_likeness_when_unambiguous() {
        let pairing = pair(&["old"], &["new"], |_, _| true);
        assert_eq!(pairing.pairs, vec![(Some(0), Some(0))]);
    }

    #[test]
    fn an_ambiguous_likeness_pairs_nothing() {
        let pairing = pair(&["a", "b"], &["c"], |_, _| true);
        assert_eq!(
            pairing.pairs,
            vec![(Some(0), None), (Some(1), None), (None, Some(0))]
        );
    }
}
