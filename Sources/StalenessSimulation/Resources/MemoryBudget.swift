import Foundation

/// How much memory one computation may hold: the machine's available memory (`MemAvailable` in
/// `/proc/meminfo`), or the limit in the environment variable `STALENESS_MAX_MEMORY` (bytes, or a
/// number with the suffix K, M, G or T, powers of 1024) when it is set.
///
/// Commands estimate what a run needs (worker copies, delay rings, simulator state) before
/// allocating it and refuse with the figure when it exceeds the budget, rather than being killed.
public struct MemoryBudget: Sendable, Equatable {
    /// The environment variable that sets the limit.
    public static let variable = "STALENESS_MAX_MEMORY"

    /// The limit in bytes.
    public var bytes: Double
    /// Where the limit comes from, for messages: `"available"` or the variable's name.
    public var source: String

    /// A budget of `bytes` from `source`.
    public init(bytes: Double, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// The budget of this process: `STALENESS_MAX_MEMORY` when set, else the available memory
    /// (unlimited when neither can be read).
    /// - Throws: ``Shortfall/invalidLimit(_:)`` when the variable is set but not a size.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(Shortfall) -> MemoryBudget {
        if let text = environment[variable] {
            guard let bytes = parseSize(text) else { throw .invalidLimit(text) }
            return MemoryBudget(bytes: bytes, source: variable)
        }
        return MemoryBudget(bytes: availableBytes() ?? .infinity, source: "available")
    }

    /// Reads `4G`, `512M`, `100K`, `1T` or a plain number of bytes; nil for anything else.
    public static func parseSize(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024,
                                          "T": 1024 * 1024 * 1024 * 1024]
        var number = Substring(trimmed), scale = 1.0
        if let last = trimmed.last, let unit = units[last] { number = number.dropLast(); scale = unit }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return value * scale
    }

    /// Checks that `needed` bytes (an estimate, for `purpose`) fit in the budget.
    /// - Throws: ``Shortfall/exceeded(needed:budget:purpose:)`` when they do not.
    public func check(_ needed: Double, for purpose: String) throws(Shortfall) {
        guard needed <= bytes else { throw .exceeded(needed: needed, budget: self, purpose: purpose) }
    }

    /// A run that does not fit, or a limit that cannot be read; the description is one line.
    public enum Shortfall: Error, Equatable, Sendable, CustomStringConvertible {
        /// `purpose` needs about `needed` bytes, more than `budget`.
        case exceeded(needed: Double, budget: MemoryBudget, purpose: String)
        /// `STALENESS_MAX_MEMORY` is set to something that is not a size.
        case invalidLimit(String)

        public var description: String {
            switch self {
            case let .exceeded(needed, budget, purpose):
                let limit = budget.source == MemoryBudget.variable
                    ? "the limit \(MemoryBudget.variable)=\(MemoryBudget.format(budget.bytes))"
                    : "the \(MemoryBudget.format(budget.bytes)) of memory available (set \(MemoryBudget.variable) to change the limit)"
                return "\(purpose) needs about \(MemoryBudget.format(needed)) of memory, more than \(limit)"
            case let .invalidLimit(text):
                return "\(MemoryBudget.variable)='\(text)' is not a size (bytes, or a number with K, M, G or T)"
            }
        }
    }

    /// `bytes` in the largest decimal unit that keeps the number ≥ 1 (e.g. `2.4 TB`).
    public static func format(_ bytes: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes, index = 0
        while value >= 1000, index < units.count - 1 { value /= 1000; index += 1 }
        return index == 0 ? "\(Int(value)) B" : String(format: "%.1f %@", value, units[index])
    }

    /// `MemAvailable` from `/proc/meminfo`, in bytes; nil where there is none.
    private static func availableBytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kilobytes = Double(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }
}
