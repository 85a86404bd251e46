//! Spreadsheet-safe cells (OWASP CSV injection): a text cell that a spreadsheet would read as a
//! formula — it begins with `=`, `+`, `-`, `@`, a tab or a carriage return — gets a leading `'`,
//! which Excel and LibreOffice show as text. Numbers are never altered: a cell that parses as
//! a number (`-17`, `+3.5`) is not a formula, and numeric fields are not text cells at all.
//!
//! Rows are flattened into their cells by a small serde serializer, so that only the fields
//! that serialise as strings are checked, whatever the row type.

use std::borrow::Cow;
use std::fmt::Display;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// The cell as a spreadsheet may show it safely: `s` itself, or `'` and `s` when a spreadsheet
/// would read `s` as a formula.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    // A lone `-` (standard input's path, an empty value) is no formula.
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s != "-";
    if risky && s.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Writes the cells of `row` (a struct of strings, numbers, booleans and options) into
/// `cells`, text cells made safe; returns false when the row holds anything else.
///
/// The cells' strings are reused from row to row: writing a row allocates nothing once the
/// strings have grown to the row's widths.
pub fn flatten<T: Serialize>(row: &T, cells: &mut Vec<String>) -> bool {
    row.serialize(Flattener { cells, n: 0 }).is_ok()
}

#[derive(Debug)]
struct Unsupported;

impl Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a row must be a flat struct")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<M: Display>(_: M) -> Self {
        Unsupported
    }
}

/// The compound types a flat row never holds (sequences, tuples, maps, enum variants with
/// fields): an error.
macro_rules! no_compounds {
    () => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported)
        }
    };
}

/// Serialises a struct into cells.
struct Flattener<'c> {
    cells: &'c mut Vec<String>,
    /// Cells written so far.
    n: usize,
}

impl<'c> ser::Serializer for Flattener<'c> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    fn serialize_bool(self, _: bool) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i8(self, _: i8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _: i16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _: i32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _: i64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u8(self, _: u8) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u16(self, _: u16) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u32(self, _: u32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u64(self, _: u64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_str(self, _: &str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    no_compounds!();
}

impl ser::SerializeStruct for Flattener<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        if self.n == self.cells.len() {
            self.cells.push(String::new());
        }
        let cell = &mut self.cells[self.n];
        cell.clear();
        value.serialize(Cell(cell))?;
        self.n += 1;
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        self.cells.truncate(self.n);
        Ok(())
    }
}

/// Serialises one field into its cell text, as the csv crate writes it, appended to a string.
struct Cell<'s>(&'s mut String);

impl Cell<'_> {
    fn show(self, v: impl Display) -> Result<(), Unsupported> {
        use std::fmt::Write as _;
        write!(self.0, "{v}").map_err(|_| Unsupported)
    }
}

impl ser::Serializer for Cell<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.show(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.0.push_str(&safe_cell(v.encode_utf8(&mut [0; 4])));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.0.push_str(&safe_cell(v));
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.0.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    no_compounds!();

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        for risky in [
            "=1+1",
            "+cmd",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
            "--",
            "-x",
        ] {
            assert_eq!(safe_cell(risky), format!("'{risky}"), "{risky:?}");
        }
        for fine in [
            "-17",
            "+3.5",
            "-0.25",
            "2025-03-14",
            "plain",
            "",
            "'quoted",
            "a=b",
            "-",
        ] {
            assert_eq!(safe_cell(fine), fine, "{fine:?}");
        }
    }

    #[derive(Serialize)]
    struct Row<'a> {
        text: &'a str,
        start: usize,
        value: f64,
        negative: i64,
        story: Option<usize>,
        none: Option<usize>,
        flag: bool,
    }

    #[test]
    fn only_text_fields_are_checked() {
        let row = Row {
            text: "=cmd|' /C calc'!A0",
            start: 3,
            value: -17.5,
            negative: -4,
            story: Some(2),
            none: None,
            flag: true,
        };
        let mut cells = Vec::new();
        assert!(flatten(&row, &mut cells));
        assert_eq!(
            cells,
            ["'=cmd|' /C calc'!A0", "3", "-17.5", "-4", "2", "", "true"]
        );
    }
}
