/** Rows as aligned text columns, two spaces apart, the first row a header. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    return rows.map((row) =>
        row
            .map((cell, c) => cell.padEnd(widths[c]))
            .join("  ")
            .trimEnd(),
    );
}
