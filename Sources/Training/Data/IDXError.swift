/// Why an IDX file (or a pair of image and label files) cannot be used. Each description is one line
/// that names the file and what is wrong with it.
public enum IDXError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened or read, for `reason` (for example "No such file or directory").
    case cannotRead(path: String, reason: String)
    /// The file starts with the gzip magic bytes but its compressed data is damaged or cut short.
    case corruptGzip(path: String, reason: String)
    /// The gzip data decompresses to more than `limit` bytes: what the IDX header declares, or the
    /// supported maximum. Decompression stops there.
    case inflatesTooFar(path: String, limit: Int)
    /// The first four bytes are not the magic number of the expected kind of IDX file.
    case badMagic(path: String, found: UInt32, expected: UInt32)
    /// The file ends before the `expected` bytes its header announces; it has `actual` bytes.
    case truncated(path: String, expected: Int, actual: Int)
    /// The file holds `extra` bytes beyond what its header announces.
    case trailingBytes(path: String, extra: Int)
    /// The header's dimensions are unusable, as `reason` explains (zero, overflowing, or not 28×28).
    case badDimensions(path: String, reason: String)
    /// A label lies outside 0...9.
    case labelOutOfRange(path: String, index: Int, label: Int)
    /// The image file and the label file hold different numbers of examples.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            "cannot read \(path): \(reason)"
        case let .corruptGzip(path, reason):
            "\(path): corrupt gzip data: \(reason)"
        case let .inflatesTooFar(path, limit):
            "\(path): the gzip data decompresses to more than \(limit) bytes, the size its IDX header declares (or the supported maximum); decompression stopped there"
        case let .badMagic(path, found, expected):
            "\(path): bad magic number \(Self.hex(found)), expected \(Self.hex(expected)) "
                + "(\(Self.kind(expected)))\(Self.hint(found: found))"
        case let .truncated(path, expected, actual):
            "\(path): truncated: the header announces \(expected) bytes but the file has \(actual)"
        case let .trailingBytes(path, extra):
            "\(path): \(extra) unexpected trailing byte\(extra == 1 ? "" : "s") after the data the header announces"
        case let .badDimensions(path, reason):
            "\(path): bad dimensions: \(reason)"
        case let .labelOutOfRange(path, index, label):
            "\(path): label \(label) at index \(index) is outside 0...9"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            "\(imagesPath) holds \(images) images but \(labelsPath) holds \(labels) labels"
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private static func kind(_ magic: UInt32) -> String {
        switch magic {
        case IDXImages.magic: "IDX unsigned-byte images"
        case IDXLabels.magic: "IDX unsigned-byte labels"
        default: "IDX"
        }
    }

    /// Points out the common slip of swapping the image and label files.
    private static func hint(found: UInt32) -> String {
        switch found {
        case IDXImages.magic: "; this is an image file"
        case IDXLabels.magic: "; this is a label file"
        default: "; not an IDX file"
        }
    }
}
