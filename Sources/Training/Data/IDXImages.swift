import Foundation

/// The images of an IDX image file (magic 0x00000803): `count` greyscale images of
/// `rows` × `columns` unsigned bytes, stored row by row, image after image.
public struct IDXImages: Sendable {
    /// The magic number of an IDX file of unsigned bytes with three dimensions.
    public static let magic: UInt32 = 0x0000_0803

    /// The file the images came from, for error messages.
    public let path: String
    /// Number of images.
    public let count: Int
    /// Height of each image, in pixels.
    public let rows: Int
    /// Width of each image, in pixels.
    public let columns: Int
    /// `count × rows × columns` pixel values, 0 (background) to 255 (ink).
    public let pixels: [UInt8]

    /// Reads and checks the IDX image file at `url`, raw or gzip-compressed.
    /// - Throws: `IDXError` naming the file when it cannot be read, is corrupt gzip, has the wrong
    ///   magic number, zero or overflowing dimensions, or is shorter or longer than its header says.
    public init(contentsOf url: URL) throws(IDXError) {
        try self.init(bytes: IDXFileContents.read(url), path: url.path)
    }

    /// Parses the decompressed bytes of an IDX image file; `path` only names it in errors.
    init(bytes: consuming [UInt8], path: String) throws(IDXError) {
        let header = 16
        let count = try IDXHeader.checkMagic(Self.magic, header: header, of: bytes, path: path)
        let rows = Int(IDXHeader.uint32(bytes, at: 8))
        let columns = Int(IDXHeader.uint32(bytes, at: 12))
        guard rows > 0, columns > 0 else {
            throw .badDimensions(path: path, reason: "images of \(rows)×\(columns) pixels")
        }
        let length = try IDXHeader.payloadLength([count, rows, columns], path: path)
        try IDXHeader.checkLength(of: bytes, header: header, payload: length, path: path)
        self.path = path
        self.count = count
        self.rows = rows
        self.columns = columns
        // In place: a memmove rather than a second 47 MB allocation for MNIST's training images.
        bytes.removeFirst(header)
        self.pixels = bytes
    }
}
