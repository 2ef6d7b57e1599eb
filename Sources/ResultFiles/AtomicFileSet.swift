import Foundation

/// Writes several files as one set: each file goes to a temporary beside its target, and only when
/// every one is complete are they renamed into place. A failure while writing (a full disk, a
/// directory in the way) removes the temporaries and leaves every target as it was, so a command's
/// outputs are never half new, half old.
public struct AtomicFileSet {
    private var staged: [(temporary: URL, target: URL)] = []

    /// An empty set.
    public init() {}

    /// Writes `data` to a temporary for `url`.
    /// - Throws: `OutputError.cannotWrite` naming `url`; the set's temporaries are all removed then.
    public mutating func add(_ data: Data, to url: URL) throws(OutputError) {
        let temporary: URL
        do { temporary = try AtomicFile.stage(url) } catch {
            discard()
            throw error
        }
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            discard()
            throw .cannotWrite(path: url.path, reason: AtomicFile.describe(error))
        }
        staged.append((temporary, url))
    }

    /// Writes `text` as UTF-8; see ``add(_:to:)-(Data,_)``.
    public mutating func add(_ text: String, to url: URL) throws(OutputError) {
        try add(Data(text.utf8), to: url)
    }

    /// Renames every staged file into place, in the order added.
    /// - Returns: the targets, in that order.
    /// - Throws: `OutputError.cannotWrite` when a rename fails; the temporaries not yet renamed are removed.
    public mutating func publish() throws(OutputError) -> [URL] {
        var published: [URL] = []
        while !staged.isEmpty {
            let (temporary, target) = staged.removeFirst()
            do { try AtomicFile.publish(temporary, as: target) } catch {
                discard()
                throw error
            }
            published.append(target)
        }
        return published
    }

    /// Removes every staged temporary; the targets are untouched.
    public mutating func discard() {
        for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
        staged.removeAll()
    }
}
