import Foundation

/// Reads staleness logs (update counts measured anywhere, e.g. on a real cluster) into histograms,
/// streaming, so that 10^8 values need memory only for the counts of their distinct values.
///
/// The rules:
/// - Input: a file, plain or gzip-compressed (recognised by content), or standard input for `-`.
/// - Numbers as tools write them: `7`, `+7`, `7.0`, `7.000000000000000000e+00`. A value that is
///   negative, not integer-valued, NaN or infinite is an error naming the file, line and column.
/// - The first non-blank line is a header only if one of its fields is not a number; a data line
///   is never dropped. Blank lines are ignored.
/// - Delimiters: tab, semicolon, comma or runs of spaces, recognised on the first non-blank line.
/// - Layout (``LogLayout``): a `value,count` histogram, or columns of observations (e.g. one per
///   worker), each read separately and pooled; an empty field in a column file is a missing value.
/// - A ``LogColumn`` (name, or position counted from 1) reads that column only.
public enum UpdateCountFile {
    /// The largest value accepted: the histogram is an array indexed by value.
    public static let maximumValue = 10_000_000

    /// Reads the log at `path` (`-` for standard input).
    /// - Parameters:
    ///   - column: read only this column.
    ///   - preferredColumn: without `column`, read only the column of this header name when the
    ///     header has one (e.g. `staleness` of a trace, whose other columns are not staleness).
    /// - Throws: ``UpdateCountFileError`` naming the file, and the line and column at fault.
    public static func read(path: String, column: LogColumn? = nil, preferredColumn: String? = nil,
                            layout: LogLayout = .auto) throws(UpdateCountFileError) -> StalenessLog {
        try read(path: path, column: column, preferredColumn: preferredColumn, layout: layout, progress: nil)
    }

    /// ``read(path:column:preferredColumn:layout:)``, calling `progress(lines read)` every 2²⁰ lines.
    public static func read(path: String, column: LogColumn? = nil, preferredColumn: String? = nil,
                            layout: LogLayout = .auto,
                            progress: ((_ lines: Int) -> Void)?) throws(UpdateCountFileError) -> StalenessLog {
        let reader = try GzipLineReader(path: path)
        let path = path == "-" ? "<stdin>" : path
        var line: [UInt8] = []
        var lineNumber = 0
        var fields: [Range<Int>] = []
        var delimiter = LogDelimiter.whitespace

        // The first non-blank line decides delimiter, width and header.
        var first: [LogField] = []
        var firstNumber = 0
        while try reader.next(into: &line) {
            lineNumber += 1
            guard line.contains(where: { !LogDelimiter.isSpace($0) }) else { continue }
            delimiter = LogDelimiter(detectingIn: line)
            delimiter.split(line, into: &fields)
            first = fields.map { LogField(line, $0) }
            firstNumber = lineNumber
            break
        }
        guard !first.isEmpty else { throw .empty(path: path) }
        let header: [String]? = first.contains(.notANumber)
            ? fields.map { String(decoding: line[$0], as: UTF8.self) } : nil
        let width = first.count
        let names = header ?? (1...width).map { "column \($0)" }
        let column = column ?? preferredColumn.flatMap { name in header?.contains(name) == true ? .name(name) : nil }

        var selected = Array(0..<width)
        if let column {
            let index: Int? = switch column {
            case let .name(name): header?.firstIndex(of: name)
            case let .position(position): position <= width ? position - 1 : nil
            }
            guard let index else { throw .unknownColumn(path: path, column: column, available: names) }
            selected = [index]
        }
        let isHistogram = column == nil && width == 2 && (layout == .histogram || (layout == .auto
            && (header.map { LogLayout.countNames.contains($0[1].lowercased()) } ?? true)))
        if layout == .histogram && !isHistogram {
            throw .malformed(path: path, line: firstNumber, detail: column != nil
                ? "--column reads observations; a histogram file has none to choose"
                : "a value,count histogram has 2 fields, got \(width)")
        }

        var accumulators = [CountAccumulator](repeating: CountAccumulator(), count: isHistogram ? 1 : selected.count)
        var row = first
        var rowNumber = firstNumber
        var pending = header == nil
        while true {
            if pending {
                guard row.count == width else {
                    throw .malformed(path: path, line: rowNumber, detail: "expected \(width) fields like line \(firstNumber), got \(row.count)")
                }
                // Values index the histogram, so they are bounded; counts only by Int.
                func integer(_ index: Int, allowEmpty: Bool, isCount: Bool = false) throws(UpdateCountFileError) -> Int? {
                    switch row[index] {
                    case let .integer(value) where isCount || value <= maximumValue: return value
                    case .integer, .tooLarge:
                        throw .invalidField(path: path, line: rowNumber, column: index + 1,
                                            field: String(decoding: line[fields[index]], as: UTF8.self),
                                            reason: "exceeds the supported maximum \(isCount ? Int.max : maximumValue)")
                    case .empty where allowEmpty: return nil
                    case .empty: throw .invalidField(path: path, line: rowNumber, column: index + 1, field: "", reason: "is empty")
                    case .notANumber:
                        throw .invalidField(path: path, line: rowNumber, column: index + 1,
                                            field: String(decoding: line[fields[index]], as: UTF8.self), reason: "is not a number")
                    case let .invalid(reason):
                        throw .invalidField(path: path, line: rowNumber, column: index + 1,
                                            field: String(decoding: line[fields[index]], as: UTF8.self), reason: reason)
                    }
                }
                if isHistogram {
                    let value = try integer(0, allowEmpty: false)!
                    let count = try integer(1, allowEmpty: false, isCount: true)!
                    guard accumulators[0].add(value, count: count) else {
                        throw .malformed(path: path, line: rowNumber, detail: "the total count exceeds \(Int.max)")
                    }
                } else {
                    for (slot, index) in selected.enumerated() {
                        if let value = try integer(index, allowEmpty: width > 1) { _ = accumulators[slot].add(value, count: 1) }
                    }
                }
            }
            guard try reader.next(into: &line) else { break }
            lineNumber += 1
            if lineNumber & 0xF_FFFF == 0 { progress?(lineNumber) }
            guard line.contains(where: { !LogDelimiter.isSpace($0) }) else { pending = false; continue }
            delimiter.split(line, into: &fields)
            row.removeAll(keepingCapacity: true)
            for range in fields { row.append(LogField(line, range)) }
            rowNumber = lineNumber
            pending = true
        }

        let columns = isHistogram
            ? [StalenessLog.Column(name: header?[0] ?? "value", histogram: accumulators[0].histogram)]
            : zip(selected, accumulators).map { StalenessLog.Column(name: names[$0], histogram: $1.histogram) }
        var pooled = CountAccumulator()
        for accumulator in accumulators {
            for (value, count) in accumulator.counts.enumerated() where count > 0 {
                guard pooled.add(value, count: count) else {
                    throw .malformed(path: path, line: lineNumber, detail: "the total count exceeds \(Int.max)")
                }
            }
        }
        guard pooled.total > 0 else { throw .empty(path: path) }
        return StalenessLog(columns: columns, pooled: pooled.histogram, isHistogram: isHistogram)
    }

    private struct CountAccumulator {
        var counts: [Int] = []
        var total = 0

        /// Adds `count` observations of `value`; false when the total would overflow.
        mutating func add(_ value: Int, count: Int) -> Bool {
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { return false }
            if value >= counts.count { counts += [Int](repeating: 0, count: value - counts.count + 1) }
            counts[value] += count
            total = sum
            return true
        }

        var histogram: StalenessHistogram { StalenessHistogram(counts: counts) }
    }
}
