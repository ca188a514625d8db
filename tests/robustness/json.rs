//! Raw JSON as platforms might send it: well-formed values with fields
//! removed or swapped for values of another type, and mutated JSON text.

use crate::inputs::{answer_text, apply, Edit};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

/// Any JSON value, a few levels deep, with the numbers that break parsers.
pub fn any_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![0.0, -0.0, 0.5, 1e300, -1e300, f64::MIN_POSITIVE])
            .prop_map(Value::from),
        answer_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
    .boxed()
}

/// A number in `range` mostly, and now and then any id at all.
pub fn number(range: std::ops::Range<i64>) -> BoxedStrategy<Value> {
    prop_oneof![
        9 => range.prop_map(Value::from),
        1 => id(),
    ]
    .boxed()
}

/// An id as a platform sends it, or as it should never send it.
pub fn id() -> BoxedStrategy<Value> {
    prop_oneof![
        8 => (1i64..10_000_000_000).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => Just(Value::from(0)),
        1 => Just(Value::from(1e30)),
        1 => "[0-9]{1,25}".prop_map(Value::String),
    ]
    .boxed()
}

/// One damage to a JSON value: the field or element at a position (in
/// depth-first order) removed or replaced.
#[derive(Debug, Clone)]
pub enum Damage {
    Remove(Index),
    Replace(Index, Value),
}

pub fn damage() -> BoxedStrategy<Damage> {
    prop_oneof![
        any::<Index>().prop_map(Damage::Remove),
        (any::<Index>(), any_value()).prop_map(|(at, v)| Damage::Replace(at, v)),
    ]
    .boxed()
}

/// No damage half the time, else one to three.
pub fn damages() -> BoxedStrategy<Vec<Damage>> {
    prop_oneof![Just(Vec::new()), prop::collection::vec(damage(), 1..4),].boxed()
}

/// `value` with each damage applied.
pub fn damaged(mut value: Value, damages: &[Damage]) -> Value {
    for damage in damages {
        let mut paths = Vec::new();
        collect(&value, &mut Vec::new(), &mut paths);
        if paths.is_empty() {
            continue;
        }
        let (at, replacement) = match damage {
            Damage::Remove(at) => (at, None),
            Damage::Replace(at, v) => (at, Some(v.clone())),
        };
        let path = at.get(&paths).clone();
        let (last, parents) = path.split_last().expect("paths are not empty");
        let Some(parent) = parents.iter().try_fold(&mut value, |v, step| step.get(v)) else {
            continue;
        };
        match (parent, last, replacement) {
            (Value::Object(map), Step::Key(key), None) => {
                map.remove(key);
            }
            (Value::Array(items), Step::At(i), None) => {
                items.remove(*i);
            }
            (parent, step, Some(replacement)) => {
                if let Some(slot) = step.get(parent) {
                    *slot = replacement;
                }
            }
            _ => {}
        }
    }
    value
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    At(usize),
}

impl Step {
    fn get<'a>(&self, value: &'a mut Value) -> Option<&'a mut Value> {
        match (self, value) {
            (Step::Key(key), Value::Object(map)) => map.get_mut(key),
            (Step::At(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        }
    }
}

fn collect(value: &Value, path: &mut Vec<Step>, paths: &mut Vec<Vec<Step>>) {
    let children: Vec<(Step, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Step::At(i), v))
            .collect(),
        _ => return,
    };
    for (step, child) in children {
        path.push(step);
        paths.push(path.clone());
        collect(child, path, paths);
        path.pop();
    }
}

/// Pieces of JSON syntax and of values that strain a JSON reader.
const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\\u0000",
    "\\ud800",
    "\\udc00",
    "\\u00e9",
    "null",
    "true",
    "false",
    "-",
    "0",
    "-0",
    "1e999",
    "-1e999",
    "18446744073709551616",
    "-9223372036854775809",
    "0.1",
    "\"text\":",
    "\"id\":",
    "\"type\":",
    "\"private\"",
    " ",
    "\n",
];

fn json_edit() -> BoxedStrategy<Edit> {
    let piece = prop_oneof![
        3 => prop::sample::select(JSON_PIECES).prop_map(str::to_owned),
        1 => crate::inputs::piece(),
    ];
    prop_oneof![
        3 => (any::<Index>(), piece.clone()).prop_map(|(at, s)| Edit::Insert(at, s)),
        2 => (any::<Index>(), 1usize..6).prop_map(|(at, n)| Edit::Delete(at, n)),
        2 => (any::<Index>(), piece).prop_map(|(at, s)| Edit::Replace(at, s)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
    .boxed()
}

/// A seed JSON text with a few edits (most no longer parse; some still do
/// with a field gone or changed).
pub fn mutated_text(seeds: &'static [String]) -> BoxedStrategy<String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(json_edit(), 1..4),
    )
        .prop_map(move |(seed, edits)| apply(&seed, &edits, seeds))
        .boxed()
}
