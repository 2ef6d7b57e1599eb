/// A CSV table built row by row in memory, rendered with RFC 4180 quoting.
import Foundation

public struct CSVTable: Sendable {
    /// Column names, written as the first line.
    public let header: [String]
    /// Rows of already formatted fields; each has `header.count` fields.
    public private(set) var rows: [[String]] = []

    /// Creates an empty table with the given column names.
    public init(header: [String]) {
        self.header = header
    }

    /// Appends one row. - Precondition: `fields.count == header.count`.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "CSV row has \(fields.count) fields, header has \(header.count)")
        rows.append(fields)
    }

    /// The table as CSV text with a trailing newline.
    public var text: String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    /// One CSV line (with newline) from `fields`, quoting fields that need it.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
