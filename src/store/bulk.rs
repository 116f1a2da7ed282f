//! Bulk loads (a demo book, an import of new contacts): the secondary indexes of the tables a
//! load fills are dropped before it and built again after it, in the same transaction.
//! Kept up row by row, each of 100,000 contacts and their follow-ups went into eight
//! indexes at random places; built once from sorted rows, the same indexes cost a fraction
//! of that (a 100,000-contact demo: 16.3 s before, 14.6 s after). Those led by the contact
//! are rebuilt too: a new contact's rows would go in at their end, but keeping them live
//! gained nothing measurable on the demo (BENCHMARKS.md).

use super::Writer;
use anyhow::Result;

/// The tables a load of new contacts fills. Their primary keys and UNIQUE constraints stay:
/// only indexes declared by `CREATE INDEX` (those with SQL of their own) are dropped.
const LOADED: &str = "'contacts', 'contact_tags', 'interactions', 'followups', \
                      'stage_history', 'purchases', 'appointments'";

impl Writer<'_> {
    /// Drops the loaded tables' secondary indexes until [`Writer::restore_indexes`]. Only
    /// for a write that inserts and never looks a row up by them: until restored, a
    /// lookup would read its whole table.
    pub fn defer_indexes(&self) -> Result<()> {
        let mut deferred = self.deferred.borrow_mut();
        let indexes: Vec<(String, String)> = self
            .tx
            .prepare(&format!(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL \
                 AND tbl_name IN ({LOADED}) ORDER BY name"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, sql) in indexes {
            // Names come from the book's own schema, quoted as identifiers.
            self.tx
                .execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            deferred.push(sql);
        }
        Ok(())
    }

    /// Builds again every index [`Writer::defer_indexes`] dropped, exactly as declared.
    pub fn restore_indexes(&self) -> Result<()> {
        for sql in self.deferred.take() {
            self.tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}
