import Foundation

/// One field of a staleness log read as a number the way real tools write them: `7`, `+7`, `7.0`,
/// `7.000000000000000000e+00`.
enum LogField: Equatable {
    /// A non-negative integer value.
    case integer(Int)
    /// Not a number at all (a header name, a typo).
    case notANumber
    /// A number that cannot be a count: negative, not integer-valued, NaN or infinite.
    case invalid(String)
    /// An integer too large for `Int`.
    case tooLarge
    /// An empty field.
    case empty

    /// Reads `bytes[range]`; a value too large for `Int` is invalid.
    init(_ bytes: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { self = .empty; return }
        if let decimal = Self.parseDecimal(bytes, range) { self = decimal; return }
        self = Self.parseReal(Array(bytes[range]))
    }

    /// Exact reading of `[+-]digits[.digits][e[+-]digits]` without allocating: the digits with
    /// trailing zeros removed, times a power of ten, is an integer only when that power is ≥ 0.
    /// Nil when the field has another form (left to `strtod`).
    private static func parseDecimal(_ bytes: [UInt8], _ range: Range<Int>) -> LogField? {
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var index = range.lowerBound
        var negative = false
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa = 0          // significant digits, trailing zeros held back in `pendingZeros`
        var pendingZeros = 0
        var scale = 0             // value = mantissa × 10^(scale + pendingZeros)
        var digits = 0
        var overflow = false
        var seenPoint = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= zero, byte <= nine {
                digits += 1
                if byte == zero {
                    if mantissa != 0 { pendingZeros += 1 }
                } else {
                    for _ in 0..<pendingZeros {
                        let (product, carry) = mantissa.multipliedReportingOverflow(by: 10)
                        overflow = overflow || carry
                        mantissa = product
                    }
                    pendingZeros = 0
                    let (product, carry) = mantissa.multipliedReportingOverflow(by: 10)
                    let (sum, carry2) = product.addingReportingOverflow(Int(byte - zero))
                    overflow = overflow || carry || carry2
                    mantissa = sum
                }
                if seenPoint { scale -= 1 }
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            var exponentNegative = false
            if index < range.upperBound, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < range.upperBound else { return nil }
            var exponent = 0
            while index < range.upperBound {
                let byte = bytes[index]
                guard byte >= zero, byte <= nine else { return nil }
                exponent = min(exponent * 10 + Int(byte - zero), 100_000)
                index += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        if mantissa == 0 && !overflow { return .integer(0) }
        if negative { return .invalid("is negative") }
        if overflow { return scale + pendingZeros >= 0 ? .tooLarge : nil }
        let power = scale + pendingZeros
        guard power >= 0 else { return .invalid("is not integer-valued") }
        var value = mantissa
        for _ in 0..<min(power, 20) {
            let (product, carry) = value.multipliedReportingOverflow(by: 10)
            guard !carry else { return .tooLarge }
            value = product
        }
        return .integer(value)
    }

    private static func parseReal(_ text: [UInt8]) -> LogField {
        // strtod also reads hexadecimal and `nan`/`inf` spellings; only a fully consumed field is a number.
        var terminated = text.map { CChar(bitPattern: $0) }
        terminated.append(0)
        var parsed = 0.0
        var consumed = false
        terminated.withUnsafeMutableBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            var end: UnsafeMutablePointer<CChar>? = nil
            parsed = strtod(start, &end)
            if let end { consumed = end - start == text.count }
        }
        guard consumed, !text.contains(where: { LogDelimiter.isSpace($0) }) else { return .notANumber }
        if parsed.isNaN { return .invalid("is NaN, not a count") }
        if parsed.isInfinite { return .invalid("is infinite, not a count") }
        if parsed < 0 { return .invalid("is negative") }
        guard parsed == parsed.rounded() else { return .invalid("is not integer-valued") }
        guard parsed < 0x1p63 else { return .tooLarge }
        return .integer(Int(parsed))
    }
}
