import Foundation
import Training

/// A grid of training configurations: for each ``SweepParameter``, the list of values to try.
///
/// ``configurations()`` takes the Cartesian product in a fixed order (parameters in declaration
/// order of ``SweepParameter``, the first slowest; values in the order given), so the same grid
/// always expands to the same list and ``Shard`` slices are stable across machines.
public struct SweepGrid: Equatable, Sendable {
    /// The values of every parameter the grid varies or fixes; the others take their defaults.
    public private(set) var axes: [SweepParameter: [String]] = [:]

    /// An empty grid: one configuration, `train`'s defaults.
    public init() {}

    /// Sets `parameter` to the values of `text` (see ``SweepValues`` for the syntax).
    /// - Throws: `SweepError.badValue` for a malformed list or range.
    public mutating func set(_ parameter: SweepParameter, to text: String) throws(SweepError) {
        axes[parameter] = try SweepValues.expand(text, option: parameter.rawValue)
    }

    /// Sets `parameter` to exactly these values (no list or range parsing).
    public mutating func set(_ parameter: SweepParameter, values: [String]) {
        axes[parameter] = values
    }

    /// This grid with every axis `other` sets replacing this grid's.
    public func overridden(by other: SweepGrid) -> SweepGrid {
        var result = self
        result.axes.merge(other.axes) { _, new in new }
        return result
    }

    /// Number of points in the grid (before removing duplicate configurations).
    public var pointCount: Int { axes.values.reduce(1) { $0 * $1.count } }

    /// Every configuration of the grid, in grid order, each distinct configuration once (points
    /// that make equal configurations, such as momentum values under Adam, keep the first).
    /// - Throws: `SweepError` for a value that does not parse or an impossible combination.
    public func configurations() throws(SweepError) -> [TrainingConfiguration] {
        let builder = ConfigurationBuilder()
        let parameters = SweepParameter.allCases.filter { axes[$0] != nil }
        let lists = parameters.map { axes[$0]! }
        guard !lists.contains(where: \.isEmpty) else { return [] }
        var seen = Set<String>()
        var result: [TrainingConfiguration] = []
        var digits = [Int](repeating: 0, count: lists.count)
        for _ in 0..<pointCount {
            var point: [SweepParameter: String] = [:]
            for (k, parameter) in parameters.enumerated() { point[parameter] = lists[k][digits[k]] }
            let configuration = try builder.configuration(point)
            if seen.insert(ConfigurationHash.of(configuration)).inserted { result.append(configuration) }
            // Mixed-radix increment, last parameter fastest.
            var k = lists.count - 1
            while k >= 0 {
                digits[k] += 1
                if digits[k] < lists[k].count { break }
                digits[k] = 0
                k -= 1
            }
        }
        return result
    }

    /// Reads a grid file: YAML when its name ends in `.yaml` or `.yml` (see `load(yamlFile:)`), JSON otherwise.
    /// - Throws: `SweepError.badGridFile` or `.unknownOption`.
    public static func load(file path: String) throws(SweepError) -> SweepGrid {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml") ? try load(yamlFile: path) : try load(jsonFile: path)
    }

    /// Reads a YAML grid file: the JSON file's content written as a flat YAML mapping, e.g.
    /// `optimizer: [sgd, adam]`, `lr: 2^-13:2^-5`, `batch:` followed by `  - 64` and `  - 128` lines.
    /// Nested or otherwise fancier YAML is refused with its line number.
    /// - Throws: `SweepError.badGridFile` or `.unknownOption`.
    public static func load(yamlFile path: String) throws(SweepError) -> SweepGrid {
        let text: String
        do { text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8) } catch {
            throw .badGridFile(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        let entries: [(key: String, values: [String])]
        do { entries = try GridFileYAML.parse(text) } catch {
            throw .badGridFile(path: path, reason: "line \(error.line): \(error.reason)")
        }
        return try grid(entries.map { ($0.key, $0.values) }, file: path)
    }

    /// Reads a JSON grid file: one object whose keys are long option names (as for the command line,
    /// without `--`) and whose values are a string (parsed like a command-line value, so lists and
    /// ranges work), a number, a boolean, or an array of those, e.g.
    /// `{"optimizer": ["sgd", "adam"], "lr": "2^-13:2^-5", "batch": [64, 128], "epochs": 30}`.
    /// - Throws: `SweepError.badGridFile` or `.unknownOption`.
    public static func load(jsonFile path: String) throws(SweepError) -> SweepGrid {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .badGridFile(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        let dictionary: [String: GridFileEntry]
        do { dictionary = try JSONDecoder().decode([String: GridFileEntry].self, from: data) } catch {
            throw .badGridFile(path: path, reason: "expected one JSON object of option → string, number, boolean "
                               + "or array of those")
        }
        if let duplicate = duplicateTopLevelKey(in: data) {
            throw .badGridFile(path: path, reason: "option \(duplicate) is given twice")
        }
        return try grid(dictionary.keys.sorted().map { ($0, dictionary[$0]!.items) }, file: path)
    }

    /// The first key that occurs twice in the outermost object of `data` (already decoded, so
    /// well-formed), or nil. Decoders keep one of the two silently; a grid file must not.
    static func duplicateTopLevelKey(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var depth = 0, index = 0
        var keys = Set<String>()
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey {
                    let raw = Data(bytes[index...min(end, bytes.count - 1)])
                    let key = (try? JSONDecoder().decode(String.self, from: raw)) ?? String(decoding: raw, as: UTF8.self)
                    if !keys.insert(key).inserted { return key }
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The grid of a file's option → value texts.
    private static func grid(_ entries: [(String, [String])], file path: String) throws(SweepError) -> SweepGrid {
        var grid = SweepGrid()
        for (key, texts) in entries {
            guard let parameter = SweepParameter(rawValue: key) else { throw .unknownOption(key, file: path) }
            var values: [String] = []
            for text in texts { values += try SweepValues.expand(text, option: key) }
            guard !values.isEmpty else { throw .badGridFile(path: path, reason: "option \(key) has no values") }
            grid.set(parameter, values: values)
        }
        return grid
    }
}

/// One value of a grid file: a scalar or an array of scalars, each kept as the text a command line
/// would carry.
private struct GridFileEntry: Decodable {
    let items: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([GridFileScalar].self) {
            items = list.map(\.text)
        } else {
            items = [try container.decode(GridFileScalar.self).text]
        }
    }
}

private struct GridFileScalar: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let flag = try? container.decode(Bool.self) {
            text = flag ? "true" : "false"
        } else {
            text = SweepValues.format(try container.decode(Double.self))
        }
    }
}
