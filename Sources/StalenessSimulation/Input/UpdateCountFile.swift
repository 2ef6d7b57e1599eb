import Foundation

/// Reads update counts (staleness values measured anywhere, e.g. logged on a real cluster) from CSV.
///
/// Accepted layouts, each with an optional header line (a first line whose fields are not all
/// integers) and blank lines ignored:
/// - one column: one non-negative integer per line, each an observation;
/// - two columns: `value,count` pairs forming a histogram (a value may repeat; counts add up);
/// - any number of columns with a header, when a column is chosen by name (e.g. `staleness` of a
///   simulator trace): that column's integers are the observations.
public enum UpdateCountFile {
    /// The largest value accepted: the histogram is an array indexed by value.
    public static let maximumValue = 10_000_000

    /// Reads the histogram of `url`, taking the observations from `column` when given.
    /// - Throws: ``UpdateCountFileError`` naming the file, and the line for malformed content.
    public static func read(from url: URL, column: String? = nil) throws(UpdateCountFileError) -> StalenessHistogram {
        let path = url.relativePath
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .cannotRead(path: path, reason: FileReadFailure.reason(url, error))
        }
        var lines: [(number: Int, fields: [Substring])] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            lines.append((index + 1, Substring(trimmed).split(separator: ",", omittingEmptySubsequences: false)
                .map { Substring($0.trimmingCharacters(in: .whitespaces)) }))
        }
        guard let first = lines.first else { throw .empty(path: path) }
        let hasHeader = first.fields.contains { Int($0) == nil }
        let header = hasHeader ? first.fields.map(String.init) : nil
        let rows = hasHeader ? Array(lines.dropFirst()) : lines
        guard !rows.isEmpty else { throw .empty(path: path) }

        var accumulator = CountAccumulator()
        if let column {
            guard let header, let index = header.firstIndex(of: column) else {
                throw .unknownColumn(path: path, column: column)
            }
            for row in rows {
                guard row.fields.count == header.count else {
                    throw .malformed(path: path, line: row.number,
                                     detail: "expected \(header.count) fields like the header, got \(row.fields.count)")
                }
                accumulator.add(try value(row.fields[index], path: path, line: row.number), count: 1)
            }
            return accumulator.histogram
        }
        let width = rows[0].fields.count
        guard width == 1 || width == 2 else {
            throw .malformed(path: path, line: rows[0].number,
                             detail: "expected 1 field (a count) or 2 (value,count), got \(width); choose a column by name")
        }
        for row in rows {
            guard row.fields.count == width else {
                throw .malformed(path: path, line: row.number, detail: "expected \(width) fields, got \(row.fields.count)")
            }
            let observed = try value(row.fields[0], path: path, line: row.number)
            let count = width == 2 ? try integer(row.fields[1], path: path, line: row.number) : 1
            accumulator.add(observed, count: count)
        }
        guard accumulator.total > 0 else { throw .empty(path: path) }
        return accumulator.histogram
    }

    private static func integer(_ field: Substring, path: String, line: Int) throws(UpdateCountFileError) -> Int {
        guard let value = Int(field), value >= 0 else {
            throw .malformed(path: path, line: line, detail: "'\(field)' is not a non-negative integer")
        }
        return value
    }

    private static func value(_ field: Substring, path: String, line: Int) throws(UpdateCountFileError) -> Int {
        let value = try integer(field, path: path, line: line)
        guard value <= maximumValue else {
            throw .malformed(path: path, line: line, detail: "value \(value) exceeds the supported maximum \(maximumValue)")
        }
        return value
    }

    private struct CountAccumulator {
        var counts: [Int] = []
        var total = 0

        mutating func add(_ value: Int, count: Int) {
            if value >= counts.count { counts += [Int](repeating: 0, count: value - counts.count + 1) }
            counts[value] += count
            total += count
        }

        var histogram: StalenessHistogram { StalenessHistogram(counts: counts) }
    }
}
