//! Moving a part's objects into the joined document under numbers of their own, and
//! dropping what nothing refers to any more before the document is written.

use std::collections::{BTreeMap, HashSet};
use std::ops::RangeInclusive;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Where a part's objects went in the joined document.
pub(in crate::render::pdf) struct Moved {
    /// What was added to every object number of the part.
    offset: u32,
    /// The object numbers the part's objects now have.
    pub(super) numbers: RangeInclusive<u32>,
}

impl Moved {
    /// The joined document's number for the part's object `id`.
    pub(in crate::render::pdf) fn shifted(&self, id: ObjectId) -> ObjectId {
        (id.0 + self.offset, id.1)
    }
}

/// Adds every object of `part` to `doc`, renumbered after `doc`'s own objects.
pub(in crate::render::pdf) fn move_into(doc: &mut Document, part: Document) -> Moved {
    let offset = doc
        .objects
        .keys()
        .map(|id| id.0)
        .max()
        .unwrap_or(0)
        .max(doc.max_id);
    let mut last = offset;
    for ((number, generation), mut object) in part.objects {
        shift_references(&mut object, offset);
        last = last.max(number + offset);
        doc.objects.insert((number + offset, generation), object);
    }
    doc.max_id = last;
    Moved {
        offset,
        numbers: offset + 1..=last,
    }
}

fn shift_references(object: &mut Object, offset: u32) {
    for_each_reference(object, &mut |id| id.0 += offset);
}

/// Calls `each` on every reference inside `object`.
pub(super) fn for_each_reference(object: &mut Object, each: &mut dyn FnMut(&mut ObjectId)) {
    match object {
        Object::Reference(id) => each(id),
        Object::Array(items) => items
            .iter_mut()
            .for_each(|item| for_each_reference(item, each)),
        Object::Dictionary(dict) => for_each_reference_in(dict, each),
        Object::Stream(stream) => for_each_reference_in(&mut stream.dict, each),
        _ => {}
    }
}

fn for_each_reference_in(dict: &mut Dictionary, each: &mut dyn FnMut(&mut ObjectId)) {
    for (_, value) in dict.iter_mut() {
        for_each_reference(value, each);
    }
}

/// Removes every object the trailer does not reach, and numbers the rest 1, 2, 3… in
/// their present order, so the file has no gaps.
pub(in crate::render::pdf) fn keep_only_referenced(doc: &mut Document) {
    let mut reached = HashSet::new();
    let mut pending: Vec<ObjectId> = Vec::new();
    let mut trailer = std::mem::take(&mut doc.trailer);
    for_each_reference_in(&mut trailer, &mut |id| pending.push(*id));
    while let Some(id) = pending.pop() {
        if !reached.insert(id) {
            continue;
        }
        if let Some(object) = doc.objects.get_mut(&id) {
            for_each_reference(object, &mut |id| {
                if !reached.contains(id) {
                    pending.push(*id);
                }
            });
        }
    }
    let old = std::mem::take(&mut doc.objects);
    let mut numbers = BTreeMap::new();
    let mut kept = Vec::with_capacity(reached.len());
    for (id, object) in old {
        if reached.contains(&id) {
            let number = u32::try_from(kept.len() + 1).expect("fewer than 2³² objects");
            numbers.insert(id, (number, 0));
            kept.push(object);
        }
    }
    // A reference to an object that does not exist reads as null; object 0 never exists.
    let mut renumber = |id: &mut ObjectId| *id = numbers.get(id).copied().unwrap_or((0, 0));
    for_each_reference_in(&mut trailer, &mut renumber);
    for (index, mut object) in kept.into_iter().enumerate() {
        for_each_reference(&mut object, &mut renumber);
        let number = u32::try_from(index + 1).expect("fewer than 2³² objects");
        doc.objects.insert((number, 0), object);
    }
    doc.max_id = u32::try_from(doc.objects.len()).expect("fewer than 2³² objects");
    doc.trailer = trailer;
}
