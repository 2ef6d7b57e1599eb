import Foundation

/// The labels of an IDX label file (magic 0x00000801): one unsigned byte per example.
public struct IDXLabels: Sendable {
    /// The magic number of an IDX file of unsigned bytes with one dimension.
    public static let magic: UInt32 = 0x0000_0801

    /// The file the labels came from, for error messages.
    public let path: String
    /// One label per example, as stored (not range-checked here).
    public let labels: [UInt8]

    /// Number of labels.
    public var count: Int { labels.count }

    /// Reads and checks the IDX label file at `url`, raw or gzip-compressed.
    /// - Throws: `IDXError` naming the file when it cannot be read, is corrupt gzip, has the wrong
    ///   magic number, or is shorter or longer than its header says.
    public init(contentsOf url: URL) throws(IDXError) {
        try self.init(bytes: IDXFileContents.read(url), path: url.path)
    }

    /// Parses the decompressed bytes of an IDX label file; `path` only names it in errors.
    init(bytes: consuming [UInt8], path: String) throws(IDXError) {
        let header = 8
        let count = try IDXHeader.checkMagic(Self.magic, header: header, of: bytes, path: path)
        try IDXHeader.checkLength(of: bytes, header: header, payload: count, path: path)
        self.path = path
        bytes.removeFirst(header)
        self.labels = bytes
    }
}
