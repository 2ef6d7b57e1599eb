import Foundation

/// A row of the results store that cannot be read (written by another tool or version, or edited by
/// hand): it is left out of a snapshot and named, so one bad row does not hide the whole store.
public struct UnreadableRow: Equatable, Sendable, CustomStringConvertible {
    /// The table: `runs`, `epochs` or `staleness_scan`.
    public var table: String
    /// The row's key: a run's configuration hash, `hash epoch k`, or `N=…, σ=…`.
    public var key: String
    /// What is wrong with it, in words.
    public var reason: String

    /// Creates a description of one unreadable row.
    public init(table: String, key: String, reason: String) {
        self.table = table
        self.key = key
        self.reason = reason
    }

    /// A row refused by a check of its own (not by the decoder), with the reason in words.
    struct Problem: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// One line for the user: `table row key: reason; left out`.
    public var description: String { "\(table) row \(key): \(reason); left out" }

    /// Describes a decoding failure by the column it concerns, not by the decoder's internals.
    static func reason(for error: any Error) -> String {
        guard let error = error as? DecodingError else { return "cannot be read (\(error))" }
        let context: DecodingError.Context
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c): context = c
        case let .keyNotFound(key, c):
            return "column \(key.stringValue) is missing" + (c.codingPath.isEmpty ? "" : " in \(path(c.codingPath))")
        @unknown default: return "cannot be read"
        }
        return context.codingPath.isEmpty ? "holds a value that cannot be read"
            : "column \(path(context.codingPath)) holds a value that cannot be read"
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
