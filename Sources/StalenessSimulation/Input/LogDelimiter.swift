/// The field separator of a staleness log, recognised on its first non-blank line: a tab, else a
/// semicolon, else a comma, else runs of spaces (so `7,0;3,0`-style decimal commas stay in fields).
enum LogDelimiter: Equatable {
    case tab, semicolon, comma, whitespace

    /// The delimiter of a file whose first non-blank line is `line`.
    init(detectingIn line: [UInt8]) {
        if line.contains(UInt8(ascii: "\t")) { self = .tab }
        else if line.contains(UInt8(ascii: ";")) { self = .semicolon }
        else if line.contains(UInt8(ascii: ",")) { self = .comma }
        else { self = .whitespace }
    }

    /// Splits `line` into trimmed field ranges, reusing `fields`' storage.
    func split(_ line: [UInt8], into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        if self == .whitespace {
            var index = 0
            while index < line.count {
                while index < line.count, Self.isSpace(line[index]) { index += 1 }
                guard index < line.count else { break }
                let start = index
                while index < line.count, !Self.isSpace(line[index]) { index += 1 }
                fields.append(start..<index)
            }
            return
        }
        let separator: UInt8 = switch self {
        case .tab: UInt8(ascii: "\t")
        case .semicolon: UInt8(ascii: ";")
        default: UInt8(ascii: ",")
        }
        var start = 0
        for index in 0...line.count where index == line.count || line[index] == separator {
            var lower = start, upper = index
            while lower < upper, Self.isSpace(line[lower]) { lower += 1 }
            while upper > lower, Self.isSpace(line[upper - 1]) { upper -= 1 }
            fields.append(lower..<upper)
            start = index + 1
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
