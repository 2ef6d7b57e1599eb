import Foundation

/// The value syntax of sweep options: comma-separated lists whose items are plain values or
/// logarithmic ranges.
///
/// - `0.001,0.01,sgd` — plain values, kept in the order given.
/// - `2^-13:2^-5` — every power of two from 2⁻¹³ to 2⁻⁵, exponent step 1; `2^-13:2^-5:0.5` steps
///   the exponent by 0.5 (2⁻¹³, 2⁻¹²·⁵, …).
/// - `10^-4:10^-1` or `1e-4:1e-1` — every power of ten from 10⁻⁴ to 10⁻¹; `10^-3:10^-2:0.5` adds
///   10⁻²·⁵. The `1e…` form needs integer exponents.
/// - `2^0:2^8` — also works for integer options (1, 2, 4, …, 256).
/// - `10^-2.5`, `2^-7` — a single power.
///
/// Ranges ascend or descend with the order of their ends; the step is always positive.
public enum SweepValues {
    /// Splits `text` on commas and expands every range item.
    /// - Throws: `SweepError.badValue` for an empty item or a malformed range.
    public static func expand(_ text: String, option: String) throws(SweepError) -> [String] {
        var values: [String] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = raw.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { throw .badValue(option: option, value: text, reason: "empty list item") }
            if let range = try logRange(item, option: option) {
                values += range.map(format)
            } else if item.contains("^") {
                guard let (base, exponent) = power(item) else {
                    throw .badValue(option: option, value: item, reason: "a power is 2^E or 10^E")
                }
                values.append(format(pow(base, exponent)))
            } else {
                values.append(item)
            }
        }
        return values
    }

    /// The powers a range item denotes, or nil when `item` is not a range (has no `:` between two
    /// powers). Exponents are computed as `start + i·step` so no rounding drift accumulates.
    static func logRange(_ item: String, option: String) throws(SweepError) -> [Double]? {
        let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        guard let (base, first) = power(parts[0]), let (base2, last) = power(parts[1]) else {
            // A value such as `capped:4` is not a range.
            if parts.contains(where: { $0.contains("^") }) || (parts[0].contains("e") && parts[1].contains("e")
                && Double(parts[0]) != nil) {
                throw .badValue(option: option, value: item,
                                reason: "a range is B^A:B^C[:STEP] with B = 2 or 10, or 1eA:1eC")
            }
            return nil
        }
        guard base == base2 else {
            throw .badValue(option: option, value: item, reason: "both ends of a range need the same base")
        }
        var step = 1.0
        if parts.count == 3 {
            guard let s = Double(parts[2]), s.isFinite, s > 0 else {
                throw .badValue(option: option, value: item, reason: "the exponent step must be a positive number")
            }
            step = s
        }
        let steps = ((abs(last - first)) / step + 1e-9).rounded(.down)
        guard steps < 10_000 else {
            throw .badValue(option: option, value: item, reason: "the range has more than 10000 values")
        }
        let count = Int(steps) + 1
        let direction = last >= first ? 1.0 : -1.0
        return (0..<count).map { pow(base, first + direction * Double($0) * step) }
    }

    /// Parses `B^E` (B = 2 or 10) or `1eE` into base and exponent.
    private static func power(_ text: String) -> (Double, Double)? {
        if let caret = text.firstIndex(of: "^") {
            guard let base = Double(text[..<caret]), base == 2 || base == 10,
                  let exponent = Double(text[text.index(after: caret)...]), exponent.isFinite else { return nil }
            return (base, exponent)
        }
        let lower = text.lowercased()
        if lower.hasPrefix("1e"), let exponent = Int(lower.dropFirst(2)) { return (10, Double(exponent)) }
        return nil
    }

    /// Formats a range value so it parses back to the same `Double` (integers without a fraction).
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
