// Tables of the inbox feature (see migrations). Add each table as a property: `table_name: TableNameTable`.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InboxTables {}
