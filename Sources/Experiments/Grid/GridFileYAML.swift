/// The YAML a grid file needs, and no more: one block mapping of option names to a scalar, a flow
/// list (`[a, b]`) or a block list (lines `- a` under the key), with `#` comments and plain,
/// single- or double-quoted scalars. Anything else (nesting, anchors, multi-line scalars, several
/// documents) is refused with the line number, rather than read some other way than the user meant.
///
/// ```yaml
/// optimizer: [sgd, adam]
/// lr: "2^-13:2^-5"
/// batch:
///   - 64
///   - 128
/// epochs: 30   # full runs
/// ```
enum GridFileYAML {
    /// A line the subset does not cover.
    struct Failure: Error, Equatable {
        /// 1-based line number.
        let line: Int
        /// What is wrong with it.
        let reason: String
    }

    /// The entries of `text` in file order, each key with its values as command-line texts.
    /// - Throws: `Failure` for a line outside the subset, a repeated key or a key without a value.
    static func parse(_ text: String) throws(Failure) -> [(key: String, values: [String])] {
        var entries: [(key: String, values: [String])] = []
        // The entry of a key written without a value, waiting for its `- item` lines, and that key's line.
        var openList: (entry: Int, line: Int)?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = stripComment(String(raw.hasSuffix("\r") ? raw.dropLast() : raw))
            let content = line.drop { $0 == " " }
            if content.isEmpty { continue }
            if line.contains("\t") { throw Failure(line: number, reason: "tabs are not allowed for indentation") }
            if content == "---", entries.isEmpty { continue }
            let indented = content.count < line.count
            if content.hasPrefix("- ") || content == "-" {
                guard let list = openList?.entry, indented else {
                    throw Failure(line: number, reason: "a list item must sit indented under its option")
                }
                entries[list].values.append(try scalar(String(content.dropFirst()), line: number))
                continue
            }
            if indented { throw Failure(line: number, reason: "nested mappings are not supported") }
            if let (list, line) = openList, entries[list].values.isEmpty {
                throw Failure(line: line, reason: "option \(entries[list].key) has no value")
            }
            openList = nil
            guard let colon = content.firstIndex(of: ":") else {
                throw Failure(line: number, reason: "expected `option: value`")
            }
            let key = content[..<colon].trimmingSpaces()
            let rest = content[content.index(after: colon)...].trimmingSpaces()
            guard !key.isEmpty else { throw Failure(line: number, reason: "missing option name before `:`") }
            if entries.contains(where: { $0.key == key }) {
                throw Failure(line: number, reason: "option \(key) appears twice")
            }
            if rest.isEmpty {
                entries.append((key, []))
                openList = (entries.count - 1, number)
            } else if rest.hasPrefix("[") {
                guard rest.hasSuffix("]") else { throw Failure(line: number, reason: "unclosed `[`") }
                let inner = String(rest.dropFirst().dropLast())
                guard !inner.trimmingSpaces().isEmpty else {
                    throw Failure(line: number, reason: "option \(key) has an empty list")
                }
                var values: [String] = []
                for item in splitOutsideQuotes(inner) { values.append(try scalar(item, line: number)) }
                entries.append((key, values))
            } else {
                entries.append((key, [try scalar(rest, line: number)]))
            }
        }
        if let (list, line) = openList, entries[list].values.isEmpty {
            throw Failure(line: line, reason: "option \(entries[list].key) has no value")
        }
        return entries
    }

    /// The comma-separated items of a flow list; commas inside quotes belong to their item.
    private static func splitOutsideQuotes(_ text: String) -> [String] {
        var items: [String] = [], current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        items.append(current)
        return items
    }

    /// `line` without a trailing `# comment` (a `#` inside quotes, or not preceded by a space, stays).
    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " {
                return String(line[..<index])
            }
            previous = character
        }
        return line
    }

    /// A plain or quoted scalar, unquoted. YAML's special plain forms (`~`, `null`, `&anchor`,
    /// `*alias`, `!tag`, `{…}`, `|`, `>`) are refused.
    private static func scalar(_ text: String, line: Int) throws(Failure) -> String {
        let value = text.trimmingSpaces()
        guard !value.isEmpty else { throw Failure(line: line, reason: "empty value") }
        if let first = value.first, first == "\"" || first == "'" {
            guard value.count >= 2, value.last == first else {
                throw Failure(line: line, reason: "unclosed quote in \(value)")
            }
            let inner = String(value.dropFirst().dropLast())
            guard !inner.contains(first) else { throw Failure(line: line, reason: "escaped quotes are not supported") }
            return inner
        }
        if ["~", "null", "Null", "NULL"].contains(value) || "&*!{|>".contains(value.first!) {
            throw Failure(line: line, reason: "\(value) is YAML syntax a grid file does not use")
        }
        return value
    }
}

private extension StringProtocol {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
